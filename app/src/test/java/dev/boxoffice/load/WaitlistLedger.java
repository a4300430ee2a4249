package dev.boxoffice.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the load generator knows of a waitlist wave, from its own requests and its buyers'
 * streams: when each seat was freed, which offers arrived for which seats, which seats it
 * bought. From it come the two timings — free to offer (an offer's arrival less the
 * latest free time of its seats) and offer to sale (the purchase's 201 less the offer's
 * arrival) — and the checks the audit cannot make: no seat offered that was not freed,
 * none in two live offers, every offer of its entry's quantity.
 * <p>
 * A seat's free time is the answer to the request that freed it (a cancellation, a
 * decline, a purchase refused for a bad card; the request's start until the answer comes,
 * so an offer that overtakes the answer is timed from the start), or, for a hold or an
 * offer left to run out, its {@code expiresAt}: that is when its buyer lost it and a
 * waiting buyer could have had it, so the expiry sweep's delay is part of what is timed.
 * Wall-clock milliseconds throughout, since {@code expiresAt} is the service's wall clock
 * (both run on one machine).
 */
final class WaitlistLedger {

	/** How a seat was freed. */
	enum Freed {

		CANCEL, EXPIRY, DECLINE, CARD, OFFER_EXPIRY, PUBLIC_RELEASE

	}

	private record Free(Freed kind, long at) {
	}

	/** An offer timed before its seat's hold ran out by more than this is a violation. */
	private static final long CLOCK_TOLERANCE_MILLIS = 50;

	final Outcomes outcomes = new Outcomes();

	private final int[] wanted;

	private final long quietMillis;

	private final long maxMillis;

	/** Seats freed and not offered since. */
	private final Map<String, Free> freed = new ConcurrentHashMap<>();

	private final Set<String> everFreed = ConcurrentHashMap.newKeySet();

	private final Map<String, DeliveredOffer> offerOfSeat = new ConcurrentHashMap<>();

	private final Set<String> sold = ConcurrentHashMap.newKeySet();

	private final Queue<DeliveredOffer> unanswered = new ConcurrentLinkedQueue<>();

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger cancelsLeft = new AtomicInteger();

	/** The latest free time or offer arrival (a free time can lie ahead: an expiry). */
	private final AtomicLong lastChange = new AtomicLong();

	private final Histogram freeToOffer = new Histogram();

	private final Map<Freed, Histogram> freeToOfferBy = new EnumMap<>(Freed.class);

	private final Histogram offerToSale = new Histogram();

	private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

	private volatile long waveStart;

	/**
	 * @param wanted how many seats each buyer in line asked for, by stream index
	 * @param quietMillis how long nothing must happen before the wave is over
	 * @param maxMillis how long the wave may last at most
	 */
	WaitlistLedger(int[] wanted, long quietMillis, long maxMillis) {
		this.wanted = wanted;
		this.quietMillis = quietMillis;
		this.maxMillis = maxMillis;
		for (Freed kind : Freed.values()) {
			this.freeToOfferBy.put(kind, new Histogram());
		}
	}

	void sold(List<String> seats) {
		this.sold.addAll(seats);
	}

	/** {@code seats} are freed at {@code at} (perhaps ahead: a hold's end). */
	void freeing(List<String> seats, Freed kind, long at) {
		if (kind == Freed.CANCEL) {
			this.sold.removeAll(seats);
		}
		for (String seat : seats) {
			this.everFreed.add(seat);
			this.freed.put(seat, new Free(kind, at));
		}
		this.lastChange.accumulateAndGet(at, Math::max);
	}

	/** The request freeing {@code seats} was answered: their free time is now. */
	void freed(List<String> seats, Freed kind, long at) {
		for (String seat : seats) {
			this.freed.computeIfPresent(seat, (id, free) -> (free.kind() == kind) ? new Free(kind, at) : free);
		}
		this.lastChange.accumulateAndGet(at, Math::max);
	}

	/** A buyer's stream delivered an event (on the streams' reading thread). */
	void delivered(int buyer, String name, String data, long at) {
		this.outcomes.count("notification " + name);
		if ("waitlist-offer".equals(name)) {
			offered(DeliveredOffer.read(buyer, data, at));
		}
	}

	private void offered(DeliveredOffer offer) {
		long latest = Long.MIN_VALUE;
		Freed kind = null;
		for (String seat : offer.seatIds) {
			Free free = this.freed.remove(seat);
			if (free == null) {
				violation("offer " + offer.offerId + " has seat " + seat + ", not freed since it was last offered");
			}
			else if (free.at() > latest) {
				latest = free.at();
				kind = free.kind();
			}
			DeliveredOffer before = this.offerOfSeat.put(seat, offer);
			if (before != null && !before.ended && offer.arrivedAt < before.expiresAt) {
				violation("seat " + seat + " offered by " + offer.offerId + " while offer " + before.offerId
						+ " still had it");
			}
		}
		if (offer.seatIds.size() != this.wanted[offer.buyer]) {
			violation("offer " + offer.offerId + " has " + offer.seatIds.size() + " seats; its entry asked for "
					+ this.wanted[offer.buyer]);
		}
		if (kind != null) {
			long delay = offer.arrivedAt - latest;
			if (delay < -CLOCK_TOLERANCE_MILLIS) {
				violation("offer " + offer.offerId + " arrived " + -delay + " ms before its seats were freed");
			}
			this.freeToOffer.record(Math.max(0, delay));
			this.freeToOfferBy.get(kind).record(Math.max(0, delay));
		}
		this.open.incrementAndGet();
		this.lastChange.accumulateAndGet(offer.arrivedAt, Math::max);
		this.unanswered.add(offer);
	}

	/** The next offer no buyer has answered yet, or null. */
	DeliveredOffer nextOffer() {
		return this.unanswered.poll();
	}

	/** The offer's purchase was answered 201 at {@code at}. */
	void bought(DeliveredOffer offer, long at) {
		offer.ended = true;
		this.offerToSale.record(at - offer.arrivedAt);
		this.sold.addAll(offer.seatIds);
		this.open.decrementAndGet();
	}

	/**
	 * Its buyer is about to decline the offer, or pay with a card that will be refused.
	 */
	void givingUp(DeliveredOffer offer, Freed kind, long at) {
		offer.ended = true;
		freeing(offer.seatIds, kind, at);
	}

	void gaveUp(DeliveredOffer offer, Freed kind, long at) {
		freed(offer.seatIds, kind, at);
		this.open.decrementAndGet();
	}

	/**
	 * Its buyer lets the offer run out (or could not buy it): its seats free at its end.
	 */
	void ignored(DeliveredOffer offer) {
		freeing(offer.seatIds, Freed.OFFER_EXPIRY, offer.expiresAt);
		this.open.decrementAndGet();
	}

	void cancelsPlanned(int count) {
		this.cancelsLeft.set(count);
	}

	void cancelDone() {
		this.cancelsLeft.decrementAndGet();
	}

	void violation(String what) {
		this.violations.add(what);
		System.out.println("WAITLIST VIOLATION: " + what);
	}

	List<String> violations() {
		return List.copyOf(this.violations);
	}

	/**
	 * Whether the wave is over: every cancellation sent, every offer answered, and
	 * nothing freed or offered for the quiet time (or the wave ran its longest).
	 */
	boolean over() {
		long now = System.currentTimeMillis();
		if (this.waveStart == 0) {
			this.waveStart = now;
		}
		boolean quiet = this.cancelsLeft.get() <= 0 && this.open.get() == 0 && this.unanswered.isEmpty()
				&& now - this.lastChange.get() > this.quietMillis;
		return quiet || now - this.waveStart > this.maxMillis;
	}

	/** Whether the wave ended without reaching quiet. */
	boolean cutShort() {
		return this.cancelsLeft.get() > 0 || this.open.get() > 0 || !this.unanswered.isEmpty()
				|| System.currentTimeMillis() - this.lastChange.get() <= this.quietMillis;
	}

	Set<String> soldSeats() {
		return Set.copyOf(this.sold);
	}

	/** Seats freed and never offered since. */
	Set<String> freedNotOffered() {
		return Set.copyOf(this.freed.keySet());
	}

	Set<String> everFreed() {
		return Set.copyOf(this.everFreed);
	}

	Map<String, Object> timings() {
		Map<String, Object> timings = new LinkedHashMap<>(this.freeToOffer.summary("freeToOffer"));
		this.freeToOfferBy.forEach((kind, histogram) -> {
			if (histogram.count() > 0) {
				timings.putAll(histogram.summary("freeToOffer" + camel(kind)));
			}
		});
		timings.putAll(this.offerToSale.summary("offerToSale"));
		return timings;
	}

	/** OFFER_EXPIRY: "OfferExpiry". */
	private static String camel(Freed kind) {
		StringBuilder name = new StringBuilder();
		for (String word : kind.name().split("_")) {
			name.append(word.charAt(0)).append(word.substring(1).toLowerCase());
		}
		return name.toString();
	}

}
