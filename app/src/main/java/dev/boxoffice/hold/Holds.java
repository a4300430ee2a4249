package dev.boxoffice.hold;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.catalog.EventView;
import dev.boxoffice.inventory.HoldIndex;
import dev.boxoffice.inventory.HoldRef;
import dev.boxoffice.inventory.SeatScripts;
import dev.boxoffice.inventory.SeatScripts.Holder;
import dev.boxoffice.inventory.SeatInventory;
import dev.boxoffice.inventory.SeatRecord;
import dev.boxoffice.platform.error.BackingServiceFailures;
import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.observability.BusinessMetrics;
import dev.boxoffice.platform.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Service;

/**
 * Holds seats for buyers. A hold is all-or-nothing, lasts {@code boxoffice.holds.ttl},
 * and is visible to its buyer only; what one buyer, and one client address, may hold at
 * once in an event is bounded. The booking pipeline uses the rest of this type to check,
 * sell and release what a hold covers.
 */
@Service
public class Holds {

	private static final Logger log = LoggerFactory.getLogger(Holds.class);

	private static final int BEST_AVAILABLE_ATTEMPTS = 3;

	/** What a waitlist offer's hold gives as its client address: it counts under none. */
	private static final String OFFER_ADDRESS = "waitlist";

	/** How long after an event its sold set and change feed are kept in Redis. */
	private static final Duration RETAINED_AFTER_EVENT = Duration.ofDays(7);

	private final EventCatalog catalog;

	private final SeatInventory inventory;

	private final SeatScripts scripts;

	private final HoldIndex index;

	private final HoldProperties properties;

	private final BusinessMetrics metrics;

	Holds(EventCatalog catalog, SeatInventory inventory, SeatScripts scripts, HoldIndex index,
			HoldProperties properties, BusinessMetrics metrics) {
		this.metrics = metrics;
		this.catalog = catalog;
		this.inventory = inventory;
		this.scripts = scripts;
		this.index = index;
		this.properties = properties;
	}

	Mono<Hold> hold(CurrentUser buyer, String clientAddress, UUID eventId, HoldRequest request) {
		request.validate(this.properties.maxSeats());
		Holder holder = new Holder(buyer.id(), clientAddress, this.properties.maxHeldPerBuyer(),
				this.properties.maxHeldPerAddress());
		return this.catalog.onSale(eventId)
			.flatMap((event) -> (request.seatIds() != null) ? holdChosen(holder, event, request.seatIds())
					: holdBestAvailable(holder, event, request.section(), request.quantity(), BEST_AVAILABLE_ATTEMPTS))
			.doOnNext((hold) -> {
				this.metrics.count("boxoffice.holds", "Holds granted", eventId, 1);
				this.metrics.count("boxoffice.holds.seats", "Seats in the holds granted", eventId, hold.seats().size());
			});
	}

	private Mono<Hold> holdChosen(Holder holder, EventView event, List<String> seatIds) {
		return this.inventory.lookup(event.id(), seatIds).collectList().flatMap((found) -> {
			List<String> known = found.stream().map(SeatRecord::id).toList();
			List<String> unknown = seatIds.stream().filter((id) -> !known.contains(id)).toList();
			if (!unknown.isEmpty()) {
				return Mono.error(RequestProblems.invalid("seatIds", "the event has no seats " + unknown));
			}
			List<String> sold = found.stream().filter(SeatRecord::sold).map(SeatRecord::id).toList();
			if (!sold.isEmpty()) {
				return Mono.error(HoldExceptions.unavailable(sold));
			}
			return attempt(holder, event, found).flatMap((attempt) -> (attempt.hold() != null)
					? Mono.just(attempt.hold()) : Mono.error(HoldExceptions.unavailable(attempt.unavailable())));
		});
	}

	private Mono<Hold> holdBestAvailable(Holder holder, EventView event, String section, int quantity, int attempts) {
		// Enough free seats to find a run of adjacent ones near the front, in most
		// layouts.
		int wanted = Math.max(64, quantity * 16);
		return this.inventory.freeInSection(event.id(), section, wanted).flatMap((free) -> {
			List<SeatRecord> picked = BestAvailable.pick(free, quantity);
			if (picked.isEmpty()) {
				return Mono.error(HoldExceptions.unavailable(List.of()));
			}
			return attempt(holder, event, picked).flatMap((attempt) -> {
				if (attempt.hold() != null) {
					return Mono.just(attempt.hold());
				}
				// Someone was faster for one of these seats: look again.
				return (attempts > 1) ? holdBestAvailable(holder, event, section, quantity, attempts - 1)
						: Mono.error(HoldExceptions.unavailable(attempt.unavailable()));
			});
		});
	}

	private record Outcome(@Nullable Hold hold, List<String> unavailable) {
	}

	private Mono<Outcome> attempt(Holder holder, EventView event, List<SeatRecord> seats) {
		String holdId = HoldId.next(event.id());
		List<HeldSeat> held = seats.stream()
			.map((s) -> new HeldSeat(s.id(), s.section(), s.row(), s.number(), s.priceCents(), s.version()))
			.toList();
		long total = held.stream().mapToLong(HeldSeat::priceCents).sum();
		Instant retainUntil = retainUntil(event);
		Map<String, String> record = record(holder.buyerId(), holder.clientAddress(), event, held, total);
		List<String> seatIds = held.stream().map(HeldSeat::id).toList();
		return this.scripts.hold(event.id(), holdId, holder, seatIds, this.properties.ttl(), record)
			.onErrorResume(BackingServiceFailures::isUnavailable,
					(ex) -> undoUnanswered(holdId, event, holder, held).then(Mono.error(ex)))
			.flatMap((attempt) -> {
				if (attempt.bound() != null) {
					return Mono.error(HoldExceptions.limitReached(attempt.bound()));
				}
				return Mono.just(attempt.held() ? new Outcome(
						new Hold(holdId, event.id(), holder.buyerId(), held, total, event.currency(),
								Instant.ofEpochMilli(attempt.expiresAtMillis()), holder.clientAddress(), retainUntil),
						List.of()) : new Outcome(null, attempt.unavailable()));
			});
	}

	/** What a hold's record in Redis keeps. */
	private static Map<String, String> record(UUID buyerId, String clientAddress, EventView event, List<HeldSeat> held,
			long total) {
		Map<String, String> record = new LinkedHashMap<>();
		record.put("buyer", buyerId.toString());
		record.put("address", clientAddress);
		record.put("currency", event.currency());
		record.put("total", Long.toString(total));
		record.put("seats", String.join(";", held.stream().map(HeldSeat::encode).toList()));
		record.put("retainUntil", Long.toString(retainUntil(event).toEpochMilli()));
		return record;
	}

	/** A new hold id of the event (for a hold made by {@link #holdKept}). */
	public static String newHoldId(UUID eventId) {
		return HoldId.next(eventId);
	}

	/**
	 * Makes seats kept for the event's line the hold {@code holdId} of {@code buyerId}
	 * for {@code ttl}: a waitlist offer, bought like any hold. All or none; empty if any
	 * seat is no longer kept. It counts under no bound: what an offer holds is already
	 * limited by the buyer's ticket limit.
	 */
	public Mono<Hold> holdKept(EventView event, String holdId, UUID buyerId, List<SeatRecord> seats, Duration ttl) {
		List<HeldSeat> held = seats.stream()
			.map((s) -> new HeldSeat(s.id(), s.section(), s.row(), s.number(), s.priceCents(), s.version()))
			.toList();
		long total = held.stream().mapToLong(HeldSeat::priceCents).sum();
		Map<String, String> record = record(buyerId, OFFER_ADDRESS, event, held, total);
		return this.scripts.offer(event.id(), holdId, held.stream().map(HeldSeat::id).toList(), ttl, record)
			.filter(SeatScripts.Attempt::held)
			.map((attempt) -> new Hold(holdId, event.id(), buyerId, held, total, event.currency(),
					Instant.ofEpochMilli(attempt.expiresAtMillis()), OFFER_ADDRESS, retainUntil(event)));
	}

	/**
	 * Ends a hold made by {@link #holdKept} (its buyer declined it): its seats go to the
	 * line, or back to sale. False while a purchase has it; true if it is gone already.
	 */
	public Mono<Boolean> releaseOffered(String holdId) {
		return find(holdId).flatMap((hold) -> this.scripts.release(hold.ref(), "").map((released) -> released >= 0))
			.defaultIfEmpty(true);
	}

	/**
	 * A hold whose answer never came (Redis timed out or the connection broke) may have
	 * been taken all the same: it is released, so that its seats do not stay held for its
	 * whole TTL by a hold nobody knows. The release is sent at once (on a live connection
	 * it runs after the hold) and, while Redis is away, tried again for a while; the
	 * buyer does not wait for it. Past that, the hold's TTL frees the seats.
	 */
	private Mono<Void> undoUnanswered(String holdId, EventView event, Holder holder, List<HeldSeat> seats) {
		HoldRef unanswered = new HoldRef(event.id(), holdId, holder.buyerId(), holder.clientAddress(),
				seats.stream().map(HeldSeat::id).toList());
		this.scripts.release(unanswered, "")
			.retryWhen(Retry.backoff(8, Duration.ofMillis(100))
				.maxBackoff(Duration.ofSeconds(2))
				.filter(BackingServiceFailures::isUnavailable))
			.subscribe(null, (ex) -> log.warn(
					"Hold {}, whose answer was lost, could not be released; its seats are freed when it expires",
					holdId));
		return Mono.empty();
	}

	/** The caller's own hold; anyone else's is a 404. */
	Mono<Hold> findOwn(CurrentUser buyer, String holdId) {
		return find(holdId).filter((hold) -> hold.buyerId().equals(buyer.id()))
			.switchIfEmpty(Mono.error(HoldExceptions::notFound));
	}

	/**
	 * Ends the caller's own hold; its seats are AVAILABLE again. Not while it is being
	 * bought.
	 */
	Mono<Void> releaseOwn(CurrentUser buyer, String holdId) {
		return findOwn(buyer, holdId).flatMap((hold) -> this.scripts.release(hold.ref(), "").flatMap((released) -> {
			if (released < 0) {
				return Mono.error(HoldExceptions.beingBought());
			}
			if (released > 0) {
				this.metrics.count("boxoffice.holds.released", "Holds their buyers released", hold.eventId(), 1);
			}
			return Mono.empty();
		}));
	}

	/** A hold that has not expired, or empty. */
	public Mono<Hold> find(String holdId) {
		UUID eventId = HoldId.eventOf(holdId);
		if (eventId == null) {
			return Mono.empty();
		}
		return this.index.record(eventId, holdId)
			.filter((fields) -> fields.containsKey("buyer") && fields.containsKey("seats"))
			.map((fields) -> new Hold(holdId, eventId, UUID.fromString(fields.get("buyer")),
					Arrays.stream(fields.get("seats").split(";")).map(HeldSeat::decode).toList(),
					Long.parseLong(fields.get("total")), fields.get("currency"),
					Instant.ofEpochMilli(Long.parseLong(fields.get("expiresAt"))),
					fields.getOrDefault("address", "unknown"),
					Instant.ofEpochMilli(Long.parseLong(fields.get("retainUntil")))));
	}

	/**
	 * Claims the hold for a purchase: true if every seat is still the hold's and no other
	 * order has it. The seats then stay held for {@code keep} (the purchase's longest
	 * possible run), and only this order may release them.
	 */
	public Mono<Boolean> claim(Hold hold, UUID orderId, Duration keep) {
		return this.scripts.claim(hold.ref(), orderId.toString(), keep.toMillis());
	}

	/**
	 * Undoes {@code orderId}'s claim (its purchase failed before anything else was done):
	 * the hold is its buyer's again, until it would have expired anyway.
	 */
	public Mono<Void> unclaim(Hold hold, UUID orderId) {
		return this.scripts.unclaim(hold.ref(), orderId.toString()).then();
	}

	/**
	 * Ends a hold claimed by {@code orderId} without a sale: its seats are AVAILABLE
	 * again.
	 */
	public Mono<Void> release(Hold hold, UUID orderId) {
		return this.scripts.release(hold.ref(), orderId.toString()).then();
	}

	/**
	 * After a sale of the hold is committed: the seats are SOLD, and no hold may keep or
	 * take them.
	 */
	public Mono<Void> markSold(Hold hold) {
		return this.scripts.sell(hold.ref(), hold.retainUntil()).then();
	}

	/**
	 * The same, for a sale whose hold Redis no longer has (recovery, a Redis restart).
	 */
	public Mono<Void> markSold(EventView event, String holdId, UUID buyerId, List<String> seatIds) {
		return this.scripts.sell(new HoldRef(event.id(), holdId, buyerId, null, seatIds), retainUntil(event)).then();
	}

	/**
	 * After sold seats came back (a cancellation): they are AVAILABLE again, unless held
	 * anew meanwhile.
	 */
	public Mono<Void> markAvailable(EventView event, List<String> seatIds) {
		return this.scripts.unsell(event.id(), seatIds, retainUntil(event)).then();
	}

	private static Instant retainUntil(EventView event) {
		return event.endsAt().plus(RETAINED_AFTER_EVENT);
	}

}
