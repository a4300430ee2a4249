package dev.boxoffice.hold;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.catalog.EventView;
import dev.boxoffice.catalog.SalePlan;
import dev.boxoffice.catalog.SalePlans;
import dev.boxoffice.inventory.Allotments;
import dev.boxoffice.inventory.HoldIndex;
import dev.boxoffice.inventory.HoldRef;
import dev.boxoffice.inventory.SeatScripts;
import dev.boxoffice.inventory.SeatScripts.Holder;
import dev.boxoffice.inventory.SeatScripts.Shortfall;
import dev.boxoffice.inventory.SeatInventory;
import dev.boxoffice.inventory.SeatRecord;
import dev.boxoffice.inventory.Units;
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

	/** Tries at a hold whose price tier changed under it, before it is refused. */
	private static final int PRICE_ATTEMPTS = 4;

	/** What a waitlist offer's hold gives as its client address: it counts under none. */
	static final String OFFER_ADDRESS = "waitlist";

	/** How long after an event its sold set and change feed are kept in Redis. */
	private static final Duration RETAINED_AFTER_EVENT = Duration.ofDays(7);

	private final EventCatalog catalog;

	private final SeatInventory inventory;

	private final SeatScripts scripts;

	private final HoldIndex index;

	private final HoldProperties properties;

	private final BusinessMetrics metrics;

	private final SalePlans plans;

	private final Allotments allotments;

	private final Clock clock;

	private final WarningScope scope;

	Holds(EventCatalog catalog, SeatInventory inventory, SeatScripts scripts, HoldIndex index,
			HoldProperties properties, BusinessMetrics metrics, SalePlans plans, Allotments allotments, Clock clock,
			WarningScope scope) {
		this.scope = scope;
		this.plans = plans;
		this.allotments = allotments;
		this.clock = clock;
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
		List<HoldRequest.Item> places = (request.items() != null) ? request.items() : List.of();
		return AbandonedHolds.releasedIfAbandoned(granting(holder, eventId, request, places),
				(hold) -> this.scripts.release(hold.ref(), "")
					.doOnSuccess((released) -> this.metrics.count("boxoffice.holds.abandoned",
							"Holds released at once because their buyer had gone before they were granted", eventId,
							1)));
	}

	private Mono<Hold> granting(Holder holder, UUID eventId, HoldRequest request, List<HoldRequest.Item> places) {
		return this.catalog.onSale(eventId).flatMap((event) -> this.plans.of(eventId).flatMap((plan) -> {
			HoldPricing.checkPlaces(plan, places);
			Wanted wanted = new Wanted(holder, event, plan, places);
			if (request.seatIds() != null) {
				return holdChosen(wanted, request.seatIds());
			}
			if (request.section() != null) {
				return holdBestAvailable(wanted, request.section(), request.quantity(), BEST_AVAILABLE_ATTEMPTS);
			}
			return attempt(wanted, List.of()).flatMap((attempt) -> (attempt.hold() != null) ? Mono.just(attempt.hold())
					: Mono.error(HoldExceptions.unavailable(attempt.unavailable())));
		})).doOnNext((hold) -> {
			this.metrics.count("boxoffice.holds", "Holds granted", eventId, 1);
			this.metrics.count("boxoffice.holds.seats", "Seats in the holds granted", eventId, hold.seats().size());
		});
	}

	/** Who holds, in which event by which plan, and the places asked for beside seats. */
	private record Wanted(Holder holder, EventView event, SalePlan plan, List<HoldRequest.Item> places) {
	}

	private Mono<Hold> holdChosen(Wanted wanted, List<String> seatIds) {
		EventView event = wanted.event();
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
			return attempt(wanted, found).flatMap((attempt) -> (attempt.hold() != null) ? Mono.just(attempt.hold())
					: Mono.error(HoldExceptions.unavailable(attempt.unavailable())));
		});
	}

	private Mono<Hold> holdBestAvailable(Wanted wanted, String section, int quantity, int attempts) {
		// Enough free seats to find a run of adjacent ones near the front, in most
		// layouts.
		int want = Math.max(64, quantity * 16);
		return this.inventory.freeInSection(wanted.event().id(), section, want).flatMap((free) -> {
			List<SeatRecord> picked = BestAvailable.pick(free, quantity);
			if (picked.isEmpty()) {
				return Mono.error(HoldExceptions.unavailable(List.of()));
			}
			return attempt(wanted, picked).flatMap((attempt) -> {
				if (attempt.hold() != null) {
					return Mono.just(attempt.hold());
				}
				// Someone was faster for one of these seats: look again.
				return (attempts > 1) ? holdBestAvailable(wanted, section, quantity, attempts - 1)
						: Mono.error(HoldExceptions.unavailable(attempt.unavailable()));
			});
		});
	}

	/** A hold; or the seats taken; or, for places, what the scripts found missing. */
	private record Outcome(@Nullable Hold hold, List<String> unavailable, @Nullable Shortfall shortfall) {
	}

	private Mono<Outcome> attempt(Wanted wanted, List<SeatRecord> seats) {
		return attempt(wanted, seats, PRICE_ATTEMPTS, true);
	}

	/**
	 * One try at the hold, priced on the counts read just before: if a tier it priced on
	 * has changed meanwhile (filled, or room again), priced and tried again; if the
	 * allotments were not counted in Redis, counted, then tried again.
	 */
	private Mono<Outcome> attempt(Wanted wanted, List<SeatRecord> seats, int tries, boolean mayLoad) {
		SalePlan plan = wanted.plan();
		Mono<Map<UUID, Allotments.Count>> counts = HoldPricing.needsCounts(plan, seats, wanted.places())
				? this.plans.counts(plan) : Mono.just(Map.of());
		return counts.flatMap((live) -> {
			HoldPricing.Priced priced = HoldPricing
				.price(plan, seats, wanted.places(), (id) -> (live.get(id) != null) ? live.get(id).available() : null,
						this.clock.instant())
				.orElse(null);
			if (priced == null) {
				return countedThenAgain(wanted, seats, tries, mayLoad);
			}
			return attempt(wanted, priced).flatMap((outcome) -> {
				Shortfall shortfall = outcome.shortfall();
				if (shortfall == null) {
					return Mono.just(outcome);
				}
				if (shortfall.allotment() == null) {
					return countedThenAgain(wanted, seats, tries, mayLoad);
				}
				if (isTier(plan, shortfall.allotment()) && tries > 1) {
					return attempt(wanted, seats, tries - 1, mayLoad);
				}
				return Mono.error(HoldExceptions.placesUnavailable(nameOf(plan, shortfall.allotment())));
			});
		});
	}

	/**
	 * The allotments counted in Redis from PostgreSQL, then the hold tried again (once).
	 */
	private Mono<Outcome> countedThenAgain(Wanted wanted, List<SeatRecord> seats, int tries, boolean mayLoad) {
		SalePlan plan = wanted.plan();
		return mayLoad ? this.plans.load(plan).then(attempt(wanted, seats, tries, false))
				: Mono.error(new IllegalStateException("Allotments of event " + plan.eventId() + " not counted"));
	}

	private Mono<Outcome> attempt(Wanted wanted, HoldPricing.Priced priced) {
		Holder holder = wanted.holder();
		EventView event = wanted.event();
		String holdId = HoldId.next(event.id());
		Instant retainUntil = retainUntil(event);
		Map<String, String> record = record(holder.buyerId(), holder.clientAddress(), event, priced.seats(),
				priced.items(), priced.units(), priced.totalCents());
		List<String> seatIds = priced.seats().stream().map(HeldSeat::id).toList();
		return this.scripts
			.hold(event.id(), holdId, holder, seatIds, priced.units(), priced.full(), this.properties.ttl(), record)
			.onErrorResume(BackingServiceFailures::isUnavailable,
					(ex) -> undoUnanswered(holdId, event, holder, seatIds, priced.units()).then(Mono.error(ex)))
			.flatMap((attempt) -> {
				if (attempt.bound() != null) {
					return Mono.error(HoldExceptions.limitReached(attempt.bound()));
				}
				if (attempt.shortfall() != null) {
					return Mono.just(new Outcome(null, List.of(), attempt.shortfall()));
				}
				return Mono.just(attempt.held()
						? new Outcome(new Hold(holdId, event.id(), holder.buyerId(), priced.seats(), priced.items(),
								priced.totalCents(), event.currency(), Instant.ofEpochMilli(attempt.expiresAtMillis()),
								holder.clientAddress(), retainUntil, priced.units()), List.of(), null)
						: new Outcome(null, attempt.unavailable(), null));
			});
	}

	private static boolean isTier(SalePlan plan, UUID allotment) {
		return plan.types()
			.stream()
			.flatMap((type) -> type.tiers().stream())
			.anyMatch((tier) -> tier.id().equals(allotment));
	}

	/** The ticket type or pool an allotment is, by name. */
	private static String nameOf(SalePlan plan, UUID allotment) {
		return plan.types()
			.stream()
			.filter((type) -> type.id().equals(allotment))
			.map(SalePlan.TicketType::name)
			.findFirst()
			.or(() -> plan.pools()
				.stream()
				.filter((pool) -> pool.id().equals(allotment))
				.map(SalePlan.Pool::name)
				.findFirst())
			.orElse("this ticket type");
	}

	/** What a hold's record in Redis keeps. */
	private static Map<String, String> record(UUID buyerId, String clientAddress, EventView event, List<HeldSeat> held,
			List<HeldItem> items, Units units, long total) {
		Map<String, String> record = new LinkedHashMap<>();
		record.put("buyer", buyerId.toString());
		record.put("address", clientAddress);
		record.put("currency", event.currency());
		record.put("total", Long.toString(total));
		record.put("seats", String.join(";", held.stream().map(HeldSeat::encode).toList()));
		record.put("items", String.join(";", items.stream().map(HeldItem::encode).toList()));
		record.put("units", units.encode());
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
		this.scope.granted(ttl);
		return this.plans.of(event.id()).flatMap((plan) -> {
			List<HeldItem> items = HoldPricing.atSeatPrices(plan, seats);
			Map<String, String> record = record(buyerId, OFFER_ADDRESS, event, held, items, Units.NONE, total);
			return this.scripts.offer(event.id(), holdId, held.stream().map(HeldSeat::id).toList(), ttl, record)
				.filter(SeatScripts.Attempt::held)
				.map((attempt) -> new Hold(holdId, event.id(), buyerId, held, items, total, event.currency(),
						Instant.ofEpochMilli(attempt.expiresAtMillis()), OFFER_ADDRESS, retainUntil(event),
						Units.NONE));
		});
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
	private Mono<Void> undoUnanswered(String holdId, EventView event, Holder holder, List<String> seatIds,
			Units units) {
		HoldRef unanswered = new HoldRef(event.id(), holdId, holder.buyerId(), holder.clientAddress(), seatIds, units);
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
					decode(fields.get("seats"), HeldSeat::decode),
					decode(fields.getOrDefault("items", ""), HeldItem::decode), Long.parseLong(fields.get("total")),
					fields.get("currency"), Instant.ofEpochMilli(Long.parseLong(fields.get("expiresAt"))),
					fields.getOrDefault("address", "unknown"),
					Instant.ofEpochMilli(Long.parseLong(fields.get("retainUntil"))),
					Units.decode(fields.getOrDefault("units", ""))));
	}

	private static <T> List<T> decode(String text, java.util.function.Function<String, T> decoder) {
		return text.isEmpty() ? List.of() : Arrays.stream(text.split(";")).map(decoder).toList();
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
		return this.scripts.unclaim(hold.ref(), orderId.toString())
			.filter(Boolean::booleanValue)
			.doOnNext((undone) -> this.scope.givenBack(hold.eventId()))
			.then();
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
	public Mono<Void> markSold(EventView event, String holdId, UUID buyerId, List<String> seatIds, Units units) {
		return this.scripts.sell(new HoldRef(event.id(), holdId, buyerId, null, seatIds, units), retainUntil(event))
			.then();
	}

	/**
	 * After sold places came back (a cancellation, a sale undone): they leave the sold
	 * counts in Redis, once.
	 */
	public Mono<Void> markPlacesReturned(UUID eventId, String holdId, Units units) {
		return this.allotments.returned(eventId, holdId, units).then();
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
