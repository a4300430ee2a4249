package dev.boxoffice.hold;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import dev.boxoffice.catalog.SalePlan;
import dev.boxoffice.catalog.SalePlan.PricedItem;
import dev.boxoffice.catalog.SalePlan.TicketType;
import dev.boxoffice.catalog.TicketKind;
import dev.boxoffice.inventory.SeatRecord;
import dev.boxoffice.inventory.Units;
import dev.boxoffice.platform.error.RequestProblems;
import org.jspecify.annotations.Nullable;

/**
 * What a hold of some seats and places costs, by the event's sale plan: each seat at its
 * price, or at its type's tier in force; each type's places at its tiers in force (see
 * {@link SalePlan#price}). Pure: the room left in limited tiers is given.
 */
final class HoldPricing {

	/** A priced hold: its seats and items, the tiers passed over as full, its units. */
	record Priced(List<HeldSeat> seats, List<HeldItem> items, List<UUID> full, Units units, long totalCents) {
	}

	private HoldPricing() {
	}

	/** The places asked for, each of a general-admission type of the plan; else 400. */
	static void checkPlaces(SalePlan plan, List<HoldRequest.Item> places) {
		for (int i = 0; i < places.size(); i++) {
			Optional<TicketType> type = plan.type(places.get(i).ticketTypeId());
			if (type.isEmpty()) {
				throw RequestProblems.invalid("items[" + i + "].ticketTypeId", "the event has no such ticket type");
			}
			if (type.get().kind() != TicketKind.GENERAL_ADMISSION) {
				throw RequestProblems.invalid("items[" + i + "].ticketTypeId",
						"is a seated type: hold its seats by seatIds or section");
			}
		}
	}

	/** Whether pricing needs the live counts of the plan's allotments. */
	static boolean needsCounts(SalePlan plan, List<SeatRecord> seats, List<HoldRequest.Item> places) {
		return !places.isEmpty() || seats.stream()
			.map((seat) -> plan.typeOfSection(seat.section()))
			.anyMatch((type) -> type.isPresent() && !type.get().tiers().isEmpty());
	}

	/**
	 * The price, or empty when the room of a limited tier it needs is not known (its
	 * counts are not loaded). Breaks the types' bounds per order: 400.
	 */
	static Optional<Priced> price(SalePlan plan, List<SeatRecord> seats, List<HoldRequest.Item> places,
			Function<UUID, @Nullable Long> room, Instant now) {
		Map<UUID, List<SeatRecord>> seatsByType = new LinkedHashMap<>();
		List<HeldSeat> heldSeats = new ArrayList<>();
		List<HeldItem> items = new ArrayList<>();
		List<PricedItem> priced = new ArrayList<>();
		Set<UUID> full = new LinkedHashSet<>();
		for (SeatRecord seat : seats) {
			Optional<TicketType> type = plan.typeOfSection(seat.section());
			if (type.isEmpty()) {
				throw RequestProblems.invalid("seatIds", "seat " + seat.id() + " is not on sale");
			}
			seatsByType.computeIfAbsent(type.get().id(), (id) -> new ArrayList<>()).add(seat);
		}
		for (Map.Entry<UUID, List<SeatRecord>> group : seatsByType.entrySet()) {
			TicketType type = plan.type(group.getKey()).orElseThrow();
			checkBounds(type, group.getValue().size(), "seatIds");
			if (type.tiers().isEmpty()) {
				group.getValue().forEach((seat) -> heldSeats.add(held(seat, seat.priceCents())));
				items.add(new HeldItem(type.id(), null, group.getValue().size(), group.getValue().get(0).priceCents(),
						true));
				continue;
			}
			Optional<SalePlan.Pricing> pricing = SalePlan.price(type, group.getValue().size(), now, room);
			if (pricing.isEmpty()) {
				return Optional.empty();
			}
			int next = 0;
			for (PricedItem item : pricing.get().items()) {
				for (int i = 0; i < item.quantity(); i++) {
					SeatRecord seat = group.getValue().get(next++);
					heldSeats.add(held(seat, item.priceCents()));
				}
				items.add(new HeldItem(type.id(), item.tierId(), item.quantity(), item.priceCents(), true));
				priced.add(item);
			}
			full.addAll(pricing.get().full());
		}
		for (int i = 0; i < places.size(); i++) {
			HoldRequest.Item place = places.get(i);
			TicketType type = plan.type(place.ticketTypeId()).orElseThrow();
			checkBounds(type, place.quantity(), "items[" + i + "].quantity");
			Optional<SalePlan.Pricing> pricing = SalePlan.price(type, place.quantity(), now, room);
			if (pricing.isEmpty()) {
				return Optional.empty();
			}
			pricing.get().items().forEach((item) -> {
				items.add(new HeldItem(type.id(), item.tierId(), item.quantity(), item.priceCents(), false));
				priced.add(item);
			});
			full.addAll(pricing.get().full());
		}
		long total = heldSeats.stream().mapToLong(HeldSeat::priceCents).sum() + items.stream()
			.filter((item) -> !item.seated())
			.mapToLong((item) -> (long) item.priceCents() * item.quantity())
			.sum();
		return Optional.of(new Priced(heldSeats, items, List.copyOf(full), plan.units(priced), total));
	}

	/**
	 * The seats by type at their own prices (a waitlist offer's: the line is served at
	 * the seats' prices, not a tier's).
	 */
	static List<HeldItem> atSeatPrices(SalePlan plan, List<SeatRecord> seats) {
		Map<UUID, List<SeatRecord>> byType = new LinkedHashMap<>();
		seats.forEach((seat) -> plan.typeOfSection(seat.section())
			.ifPresent((type) -> byType.computeIfAbsent(type.id(), (id) -> new ArrayList<>()).add(seat)));
		return byType.entrySet()
			.stream()
			.map((group) -> new HeldItem(group.getKey(), null, group.getValue().size(),
					group.getValue().get(0).priceCents(), true))
			.toList();
	}

	private static void checkBounds(TicketType type, int count, String field) {
		if (type.minPerOrder() != null && count < type.minPerOrder()) {
			throw RequestProblems.invalid(field,
					type.name() + " is sold at least " + type.minPerOrder() + " to an order");
		}
		if (type.maxPerOrder() != null && count > type.maxPerOrder()) {
			throw RequestProblems.invalid(field,
					type.name() + " is sold at most " + type.maxPerOrder() + " to an order");
		}
	}

	private static HeldSeat held(SeatRecord seat, int priceCents) {
		return new HeldSeat(seat.id(), seat.section(), seat.row(), seat.number(), priceCents, seat.version());
	}

}
