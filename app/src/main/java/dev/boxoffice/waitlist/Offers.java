package dev.boxoffice.waitlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.booking.SaleListener;
import dev.boxoffice.catalog.EventView;
import dev.boxoffice.hold.Hold;
import dev.boxoffice.hold.Holds;
import dev.boxoffice.inventory.SeatRecord;
import dev.boxoffice.live.UserNotifications;
import dev.boxoffice.platform.RandomUuids;
import dev.boxoffice.platform.observability.BusinessMetrics;
import dev.boxoffice.platform.security.CurrentUser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The offers of a waitlist: made from seats kept for the line, declined by their buyers,
 * bought through the purchase saga (this is told in the sale's own transaction), ended
 * unbought when their hold is gone, ended with their cancelled event. Each change of an
 * offer and of its entry is one transaction; the Redis step of making or declining one
 * (the hold) is taken inside it, so that the two are undone together.
 */
@Service
class Offers implements SaleListener {

	private static final Logger log = LoggerFactory.getLogger(Offers.class);

	private final OfferRepository offers;

	private final WaitlistRepository entries;

	private final Holds holds;

	private final UserNotifications notifications;

	private final TransactionalOperator transactional;

	private final WaitlistProperties properties;

	private final BusinessMetrics metrics;

	private final Timer freeToOffer;

	private final Clock clock;

	Offers(OfferRepository offers, WaitlistRepository entries, Holds holds, UserNotifications notifications,
			TransactionalOperator transactional, WaitlistProperties properties, BusinessMetrics metrics,
			MeterRegistry registry, Clock clock) {
		this.clock = clock;
		this.offers = offers;
		this.entries = entries;
		this.holds = holds;
		this.notifications = notifications;
		this.transactional = transactional;
		this.properties = properties;
		this.metrics = metrics;
		this.freeToOffer = Timer.builder("boxoffice.waitlist.offer.delay")
			.description("From the moment an offer's last seat was freed to the offer")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
	}

	/**
	 * Makes one offer: the entry (still WAITING, at the version read) becomes OFFERED,
	 * its kept seats become its buyer's hold, and the offer is recorded — or none of it.
	 * A hold made whose recording then failed is released at once (its seats are kept for
	 * the line again). The buyer is told after the commit.
	 */
	Mono<WaitlistOffer> make(EventView event, OfferRule.Match match) {
		WaitlistEntry entry = match.entry();
		UUID offerId = RandomUuids.next();
		String holdId = Holds.newHoldId(event.id());
		Duration ttl = this.properties.offerTtl();
		long total = match.seats().stream().mapToLong(SeatRecord::priceCents).sum();
		Instant freedAt = Instant.ofEpochMilli(match.freedAt());
		return this.entries.markOffered(entry.id(), entry.version())
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(() -> new OfferNotMade("the entry changed")))
			.then(this.holds.holdKept(event, holdId, entry.buyerId(), match.seats(), ttl))
			.switchIfEmpty(Mono.error(() -> new OfferNotMade("the seats are no longer kept")))
			.flatMap((hold) -> this.offers
				.insert(offerId, entry, holdId, hold.seatIds(), total, event.currency(), freedAt, hold.expiresAt())
				.thenReturn(new WaitlistOffer(offerId, entry.id(), event.id(), entry.buyerId(), holdId, hold.seatIds(),
						total, event.currency(), WaitlistOffer.OfferState.LIVE, freedAt, this.clock.instant(),
						hold.expiresAt(), null)))
			.as(this.transactional::transactional)
			.flatMap((offer) -> offered(offer).thenReturn(offer))
			.onErrorResume((ex) -> {
				if (ex instanceof OfferNotMade) {
					log.debug("No offer to entry {}: {}", entry.id(), ex.getMessage());
				}
				else {
					log.warn("Offer to entry {} could not be made", entry.id(), ex);
				}
				return this.holds.releaseOffered(holdId).onErrorResume((undo) -> Mono.just(false)).then(Mono.empty());
			});
	}

	private Mono<Void> offered(WaitlistOffer offer) {
		this.metrics.count("boxoffice.waitlist.offers", "Waitlist offers made", offer.eventId(), 1);
		this.freeToOffer.record(Duration.between(offer.freedAt(), this.clock.instant()).abs());
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("offerId", offer.id().toString());
		fields.put("entryId", offer.entryId().toString());
		fields.put("eventId", offer.eventId().toString());
		fields.put("holdId", offer.holdId());
		fields.put("seatIds", String.join(",", offer.seatIds()));
		fields.put("totalCents", Long.toString(offer.totalCents()));
		fields.put("currency", offer.currency());
		fields.put("expiresAt", offer.expiresAt().toString());
		return this.notifications.send(offer.buyerId(), "waitlist-offer", fields);
	}

	/**
	 * Ends the event's live offers whose hold is gone without a sale (it expired, its
	 * purchase failed and was undone, or Redis lost it): EXPIRED, and the entry back in
	 * line at its place or EXPIRED ({@code boxoffice.waitlist.max-requeues}). A sale
	 * commits the offer PURCHASED before its hold ends, so a gone hold of a live offer
	 * was not bought; the update names the live state, so a sale committing meanwhile
	 * wins.
	 */
	Mono<Void> settle(UUID eventId) {
		return this.offers.live(eventId)
			.concatMap((offer) -> this.holds.find(offer.holdId())
				.hasElement()
				.filter((present) -> !present)
				.flatMap((gone) -> expire(offer)))
			.then();
	}

	private Mono<Void> expire(WaitlistOffer offer) {
		return this.offers.end(offer.id(), WaitlistOffer.OfferState.EXPIRED)
			.flatMap((ended) -> this.entries.requeueOrExpire(ended.entryId(), this.properties.maxRequeues()))
			.as(this.transactional::transactional)
			.doOnNext((state) -> this.metrics.count("boxoffice.waitlist.offers.expired",
					"Waitlist offers that ended unbought", offer.eventId(), 1))
			.flatMap((state) -> this.notifications.send(offer.buyerId(), "waitlist-offer-expired",
					Map.of("offerId", offer.id().toString(), "entryId", offer.entryId().toString(), "eventId",
							offer.eventId().toString(), "entryState", state.name())));
	}

	/**
	 * The buyer declines their live offer: DECLINED with its entry, and its hold released
	 * in the same transaction (the seats go to the next in line) — unless a purchase has
	 * the hold, which wins (409). Declining a declined offer again is done already.
	 */
	Mono<Void> decline(CurrentUser buyer, UUID offerId) {
		return this.offers.find(offerId)
			.filter((offer) -> offer.buyerId().equals(buyer.id()))
			.switchIfEmpty(Mono.error(WaitlistExceptions::offerNotFound))
			.flatMap((offer) -> switch (offer.state()) {
				case DECLINED -> Mono.empty();
				case LIVE -> this.offers.end(offerId, WaitlistOffer.OfferState.DECLINED)
					.flatMap((ended) -> this.entries.offerEnded(ended.entryId(), WaitlistState.DECLINED)
						.then(this.holds.releaseOffered(offer.holdId()))
						.flatMap((released) -> released ? Mono.just(ended)
								: Mono.error(WaitlistExceptions.offerBeingBought())))
					.as(this.transactional::transactional)
					.doOnNext((ended) -> this.metrics.count("boxoffice.waitlist.offers.declined",
							"Waitlist offers their buyers declined", ended.eventId(), 1))
					// Lost to a change that committed first (expired, bought): as it
					// stands.
					.switchIfEmpty(Mono.defer(() -> this.offers.find(offerId)
						.flatMap((now) -> (now.state() == WaitlistOffer.OfferState.DECLINED) ? Mono.empty()
								: Mono.error(WaitlistExceptions.offerNotLive(now.state())))))
					.then();
				default -> Mono.error(WaitlistExceptions.offerNotLive(offer.state()));
			});
	}

	/** Only the sale of an offer's hold is an offer's purchase. */
	@Override
	public boolean follows(Hold hold) {
		return hold.offered();
	}

	/**
	 * In the sale's transaction: the hold sold was an offer's, which is PURCHASED with
	 * its entry.
	 */
	@Override
	public Mono<Void> sold(UUID eventId, String holdId) {
		return this.offers.purchased(holdId)
			.flatMap((offer) -> this.entries.offerEnded(offer.entryId(), WaitlistState.PURCHASED)
				.doOnNext((changed) -> this.metrics.count("boxoffice.waitlist.offers.purchased",
						"Waitlist offers bought", eventId, 1)))
			.then();
	}

	/** The live offer of an entry, for its buyer's view. */
	Mono<WaitlistOffer> liveOf(UUID entryId) {
		return this.offers.liveOf(entryId);
	}

	/** Tells a waiting entry its place. */
	Mono<Void> tellPlace(UUID eventId, WaitlistRepository.Place place) {
		return this.notifications.send(place.buyerId(), "waitlist-position",
				Map.of("eventId", eventId.toString(), "entryId", place.entryId().toString(), "position",
						Long.toString(place.position()), "ahead", Long.toString(place.position() - 1)));
	}

	/** An offer that could not be made now: nothing was changed. */
	private static final class OfferNotMade extends RuntimeException {

		OfferNotMade(String why) {
			super(why, null, false, false);
		}

	}

}
