package dev.boxoffice.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.boxoffice.inventory.Units;
import org.jspecify.annotations.Nullable;

/**
 * What an event sells: its ticket types, the capacity pools its general-admission types
 * draw on, and each type's price tiers. An event created without ticket types has one
 * seated type per section of its venue.
 */
public record SalePlan(UUID eventId, List<TicketType> types, List<Pool> pools) {

	/** A capacity shared by the general-admission types that draw on it. */
	public record Pool(UUID id, String name, int capacity) {
	}

	/**
	 * A price in force until {@code until} (if given) and for the first {@code quantity}
	 * tickets sold at it (if given).
	 */
	public record Tier(UUID id, String name, int priceCents, @Nullable Integer quantity, @Nullable Instant until) {

		boolean over(Instant now) {
			return this.until != null && !now.isBefore(this.until);
		}

	}

	/** A ticket type; {@code sections} for a seated one, {@code poolIds} otherwise. */
	public record TicketType(UUID id, String name, TicketKind kind, int priceCents, @Nullable Integer minPerOrder,
			@Nullable Integer maxPerOrder, List<String> sections, List<UUID> poolIds, List<Tier> tiers) {

		public boolean seated() {
			return this.kind == TicketKind.SEATED;
		}

	}

	/** Some tickets of one type, at one price (of a tier, or the type's own). */
	public record PricedItem(UUID ticketTypeId, @Nullable UUID tierId, int quantity, int priceCents) {
	}

	/**
	 * The price of some tickets of a type: items by tier, and the limited tiers passed
	 * over as full (which must still be full when the tickets are held).
	 */
	public record Pricing(List<PricedItem> items, List<UUID> full) {
	}

	public Optional<TicketType> type(UUID id) {
		return this.types.stream().filter((type) -> type.id().equals(id)).findFirst();
	}

	/** The seated type a section's seats are sold as, if any. */
	public Optional<TicketType> typeOfSection(String section) {
		return this.types.stream().filter((type) -> type.seated() && type.sections().contains(section)).findFirst();
	}

	/** Every section whose seats the event sells. */
	public List<String> seatedSections() {
		return this.types.stream().filter(TicketType::seated).flatMap((type) -> type.sections().stream()).toList();
	}

	/**
	 * The allotments PostgreSQL arbitrates a sale by, with their capacities: the pools,
	 * and the limited tiers.
	 */
	public Map<UUID, Integer> arbitrated() {
		Map<UUID, Integer> allotments = new LinkedHashMap<>();
		this.pools.forEach((pool) -> allotments.put(pool.id(), pool.capacity()));
		this.types.forEach((type) -> type.tiers()
			.stream()
			.filter((tier) -> tier.quantity() != null)
			.forEach((tier) -> allotments.put(tier.id(), tier.quantity())));
		return allotments;
	}

	/**
	 * Every allotment Redis counts: those arbitrated, and each general-admission type
	 * (what it has held and sold, within its smallest pool).
	 */
	public Map<UUID, Integer> counted() {
		Map<UUID, Integer> allotments = arbitrated();
		this.types.stream()
			.filter((type) -> !type.seated())
			.forEach((type) -> allotments.put(type.id(),
					type.poolIds().stream().mapToInt(allotments::get).min().orElse(0)));
		return allotments;
	}

	/**
	 * The price of {@code quantity} tickets of {@code type} at {@code now}: the tiers in
	 * order, passing over those whose date is over and the limited ones with no room
	 * left, each taking what it has room for; what is left is at the type's own price.
	 * {@code room} is what a limited tier has left; empty when its room is not known.
	 */
	public static Optional<Pricing> price(TicketType type, int quantity, Instant now,
			Function<UUID, @Nullable Long> room) {
		List<PricedItem> items = new ArrayList<>();
		List<UUID> full = new ArrayList<>();
		int left = quantity;
		for (Tier tier : type.tiers()) {
			if (left == 0) {
				break;
			}
			if (tier.over(now)) {
				continue;
			}
			if (tier.quantity() == null) {
				items.add(new PricedItem(type.id(), tier.id(), left, tier.priceCents()));
				left = 0;
				break;
			}
			Long free = room.apply(tier.id());
			if (free == null) {
				return Optional.empty();
			}
			if (free <= 0) {
				full.add(tier.id());
				continue;
			}
			int taken = (int) Math.min(free, left);
			items.add(new PricedItem(type.id(), tier.id(), taken, tier.priceCents()));
			left -= taken;
		}
		if (left > 0) {
			items.add(new PricedItem(type.id(), null, left, type.priceCents()));
		}
		return Optional.of(new Pricing(items, full));
	}

	/**
	 * What the items take from counted allotments: each ticket one place of its limited
	 * tier, and each general-admission ticket one place of its type and of each pool of
	 * its type.
	 */
	public Units units(List<PricedItem> items) {
		Map<UUID, Integer> counts = new LinkedHashMap<>();
		int tickets = 0;
		for (PricedItem item : items) {
			TicketType type = type(item.ticketTypeId()).orElseThrow();
			if (item.tierId() != null && type.tiers()
				.stream()
				.anyMatch((tier) -> tier.id().equals(item.tierId()) && tier.quantity() != null)) {
				counts.merge(item.tierId(), item.quantity(), Integer::sum);
			}
			if (!type.seated()) {
				tickets += item.quantity();
				counts.merge(type.id(), item.quantity(), Integer::sum);
				type.poolIds().forEach((pool) -> counts.merge(pool, item.quantity(), Integer::sum));
			}
		}
		return new Units(tickets, counts);
	}

}
