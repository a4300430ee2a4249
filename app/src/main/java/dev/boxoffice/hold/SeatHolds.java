package dev.boxoffice.hold;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.catalog.EventView;
import dev.boxoffice.inventory.EventKeys;
import dev.boxoffice.inventory.SeatInventory;
import dev.boxoffice.inventory.SeatRecord;
import dev.boxoffice.platform.error.InvalidRequestException;
import dev.boxoffice.platform.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * Holds seats for buyers. A hold is all-or-nothing, lasts {@code boxoffice.holds.ttl},
 * and is visible to its buyer only. The booking pipeline uses the rest of this type to
 * check, sell and release what a hold covers.
 */
@Service
public class SeatHolds {

	private static final int BEST_AVAILABLE_ATTEMPTS = 3;

	private final EventCatalog catalog;

	private final SeatInventory inventory;

	private final HoldScripts scripts;

	private final ReactiveStringRedisTemplate redis;

	private final EventKeys keys;

	private final HoldProperties properties;

	SeatHolds(EventCatalog catalog, SeatInventory inventory, HoldScripts scripts, ReactiveStringRedisTemplate redis,
			EventKeys keys, HoldProperties properties) {
		this.catalog = catalog;
		this.inventory = inventory;
		this.scripts = scripts;
		this.redis = redis;
		this.keys = keys;
		this.properties = properties;
	}

	Mono<Hold> hold(CurrentUser buyer, UUID eventId, HoldRequest request) {
		validate(request);
		return this.catalog.onSale(eventId)
			.flatMap((event) -> (request.seatIds() != null) ? holdChosen(buyer, event, request.seatIds())
					: holdBestAvailable(buyer, event, request.section(), request.quantity(), BEST_AVAILABLE_ATTEMPTS));
	}

	private Mono<Hold> holdChosen(CurrentUser buyer, EventView event, List<String> seatIds) {
		return this.inventory.lookup(event.id(), seatIds).collectList().flatMap((found) -> {
			List<String> known = found.stream().map(SeatRecord::id).toList();
			List<String> unknown = seatIds.stream().filter((id) -> !known.contains(id)).toList();
			if (!unknown.isEmpty()) {
				return Mono.error(new InvalidRequestException("seatIds", "the event has no seats " + unknown));
			}
			List<String> sold = found.stream().filter(SeatRecord::sold).map(SeatRecord::id).toList();
			if (!sold.isEmpty()) {
				return Mono.error(HoldExceptions.unavailable(sold));
			}
			return attempt(buyer, event, found).flatMap((attempt) -> (attempt.hold() != null) ? Mono.just(attempt.hold())
					: Mono.error(HoldExceptions.unavailable(attempt.unavailable())));
		});
	}

	private Mono<Hold> holdBestAvailable(CurrentUser buyer, EventView event, String section, int quantity, int attempts) {
		// Enough free seats to find a run of adjacent ones near the front, in most layouts.
		int wanted = Math.max(64, quantity * 16);
		return this.inventory.freeInSection(event.id(), section, wanted).flatMap((free) -> {
			List<SeatRecord> picked = BestAvailable.pick(free, quantity);
			if (picked.isEmpty()) {
				return Mono.error(HoldExceptions.unavailable(List.of()));
			}
			return attempt(buyer, event, picked).flatMap((attempt) -> {
				if (attempt.hold() != null) {
					return Mono.just(attempt.hold());
				}
				// Someone was faster for one of these seats: look again.
				return (attempts > 1) ? holdBestAvailable(buyer, event, section, quantity, attempts - 1)
						: Mono.error(HoldExceptions.unavailable(attempt.unavailable()));
			});
		});
	}

	private record Outcome(@Nullable Hold hold, List<String> unavailable) {
	}

	private Mono<Outcome> attempt(CurrentUser buyer, EventView event, List<SeatRecord> seats) {
		String holdId = HoldId.next(event.id());
		List<HeldSeat> held = seats.stream()
			.map((s) -> new HeldSeat(s.id(), s.section(), s.row(), s.number(), s.priceCents(), s.version()))
			.toList();
		long total = held.stream().mapToLong(HeldSeat::priceCents).sum();
		Map<String, String> record = new LinkedHashMap<>();
		record.put("buyer", buyer.id().toString());
		record.put("currency", event.currency());
		record.put("total", Long.toString(total));
		record.put("seats", String.join(";", held.stream().map(HeldSeat::encode).toList()));
		// The event's sold set and feed are kept until a week after it ends.
		record.put("retainUntil", Long.toString(event.endsAt().plus(Duration.ofDays(7)).toEpochMilli()));
		List<String> seatIds = held.stream().map(HeldSeat::id).toList();
		return this.scripts.hold(event.id(), holdId, seatIds, record)
			.map((attempt) -> attempt.held()
					? new Outcome(new Hold(holdId, event.id(), buyer.id(), held, total, event.currency(),
							Instant.ofEpochMilli(attempt.expiresAtMillis())), List.of())
					: new Outcome(null, attempt.unavailable()));
	}

	/** The caller's own hold; anyone else's is a 404. */
	Mono<Hold> findOwn(CurrentUser buyer, String holdId) {
		return find(holdId).filter((hold) -> hold.buyerId().equals(buyer.id()))
			.switchIfEmpty(Mono.error(HoldExceptions::notFound));
	}

	/** Ends the caller's own hold; its seats are AVAILABLE again. Not while it is being bought. */
	Mono<Void> releaseOwn(CurrentUser buyer, String holdId) {
		return findOwn(buyer, holdId)
			.flatMap((hold) -> this.scripts.release(hold.eventId(), hold.holdId(), seatIds(hold), ""))
			.flatMap((released) -> (released < 0) ? Mono.error(HoldExceptions.beingBought()) : Mono.empty());
	}

	/** A hold that has not expired, or empty. */
	public Mono<Hold> find(String holdId) {
		UUID eventId = HoldId.eventOf(holdId);
		if (eventId == null) {
			return Mono.empty();
		}
		return this.redis.<String, String>opsForHash()
			.entries(this.keys.hold(eventId, holdId))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.filter((fields) -> fields.containsKey("buyer"))
			.map((fields) -> new Hold(holdId, eventId, UUID.fromString(fields.get("buyer")),
					Arrays.stream(fields.get("seats").split(";")).map(HeldSeat::decode).toList(),
					Long.parseLong(fields.get("total")), fields.get("currency"),
					Instant.ofEpochMilli(Long.parseLong(fields.get("expiresAt")))));
	}

	/**
	 * Claims the hold for a purchase: true if every seat is still the hold's and no other
	 * order has it. The seats then stay held for {@code keep} (the purchase's longest
	 * possible run), and only this order may release them.
	 */
	public Mono<Boolean> claim(Hold hold, UUID orderId, Duration keep) {
		return this.scripts.claim(hold.eventId(), hold.holdId(), seatIds(hold), orderId.toString(), keep.toMillis());
	}

	/** Ends a hold claimed by {@code orderId} without a sale: its seats are AVAILABLE again. */
	public Mono<Void> release(Hold hold, UUID orderId) {
		return this.scripts.release(hold.eventId(), hold.holdId(), seatIds(hold), orderId.toString()).then();
	}

	/** After a sale is committed: the seats are SOLD, and no hold may keep or take them. */
	public Mono<Void> markSold(UUID eventId, String holdId, List<String> seatIds) {
		return this.scripts.sell(eventId, holdId, seatIds).then();
	}

	/** After sold seats came back (a cancellation): they are AVAILABLE again. */
	public Mono<Void> markAvailable(UUID eventId, List<String> seatIds) {
		return this.scripts.unsell(eventId, seatIds).then();
	}

	private static List<String> seatIds(Hold hold) {
		return hold.seats().stream().map(HeldSeat::id).toList();
	}

	private void validate(HoldRequest request) {
		boolean chosen = request.seatIds() != null;
		boolean best = request.section() != null || request.quantity() != null;
		if (chosen == best) {
			throw new InvalidRequestException("seatIds", "give either seatIds, or section and quantity");
		}
		int count = chosen ? request.seatIds().size() : (request.quantity() == null ? 0 : request.quantity());
		if (best && (request.section() == null || request.quantity() == null)) {
			throw new InvalidRequestException(request.section() == null ? "section" : "quantity",
					"is needed for a best-available hold");
		}
		if (count > this.properties.maxSeats()) {
			throw new InvalidRequestException(chosen ? "seatIds" : "quantity",
					"a hold has at most " + this.properties.maxSeats() + " seats");
		}
		if (chosen && new HashSet<>(request.seatIds()).size() != count) {
			throw new InvalidRequestException("seatIds", "lists a seat twice");
		}
	}

}
