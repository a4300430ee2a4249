package dev.boxoffice.load;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The buyers' answers to their offers in the waitlist wave ({@link WaitlistSimulation}):
 * clerks take each offer as its buyer's stream delivers it ({@link WaitlistLedger}) and
 * answer it with that buyer's token — buy, decline, pay with a refused card, or let it
 * run out — telling the ledger before and after each request.
 */
final class OfferClerks {

	private final WaitlistLedger ledger;

	private final List<String> waiters;

	OfferClerks(WaitlistLedger ledger, List<String> waiters) {
		this.ledger = ledger;
		this.waiters = waiters;
	}

	/**
	 * One of the clerks that answer offers for the buyers, as they arrive, until the wave
	 * is over: each offer is bought, declined, paid with a card that is refused, or left
	 * to run out, by the shares given.
	 */
	ScenarioBuilder answer(double buy, double decline, double card) {
		return scenario("answer offers").asLongAs((session) -> !this.ledger.over())
			.on(exec((session) -> take(session, buy, decline, card)).doIf((session) -> !session.contains("offer"))
				.then(exec((session) -> session).pause(Duration.ofMillis(10)))
				.doIf((session) -> fate(session, "buy") || fate(session, "card"))
				.then(purchaseOffer())
				.doIf((session) -> fate(session, "decline"))
				.then(declineOffer())
				.doIf((session) -> fate(session, "ignore"))
				.then(exec((session) -> {
					this.ledger.ignored(offer(session));
					this.ledger.outcomes.count("offer ignored");
					return session;
				})));
	}

	private Session take(Session session, double buy, double decline, double card) {
		DeliveredOffer offer = this.ledger.nextOffer();
		if (offer == null) {
			return session.remove("offer").remove("fate");
		}
		double roll = ThreadLocalRandom.current().nextDouble();
		String fate = (roll < buy) ? "buy"
				: (roll < buy + decline) ? "decline" : (roll < buy + decline + card) ? "card" : "ignore";
		return session.set("offer", offer)
			.set("fate", fate)
			.set("bearer", "Bearer " + this.waiters.get(offer.buyer))
			.set("holdId", offer.holdId)
			.set("offerId", offer.offerId)
			.set("card", "card".equals(fate) ? "tok_decline" : "tok_ok")
			.set("idempotencyKey", UUID.randomUUID().toString());
	}

	private ChainBuilder purchaseOffer() {
		return exec((session) -> {
			if (fate(session, "card")) {
				this.ledger.givingUp(offer(session), WaitlistLedger.Freed.CARD, System.currentTimeMillis());
			}
			return session;
		}).exec(BusyRetries.send(http("offer purchase").post("/api/holds/#{holdId}/purchase")
			.header("Authorization", "#{bearer}")
			.header("Idempotency-Key", "#{idempotencyKey}")
			.body(StringBody("{\"paymentToken\":\"#{card}\"}")), 201, 402, 409)).exec((session) -> {
				String answer = BusyRetries.answer(session);
				long now = System.currentTimeMillis();
				DeliveredOffer offer = offer(session);
				this.ledger.outcomes.count("offer purchase " + answer);
				if ("201".equals(answer)) {
					if (fate(session, "card")) {
						this.ledger.violation("offer " + offer.offerId + " bought with a refused card");
					}
					this.ledger.bought(offer, now);
				}
				else if (fate(session, "card")) {
					this.ledger.gaveUp(offer, WaitlistLedger.Freed.CARD, now);
				}
				else {
					this.ledger.violation("offer " + offer.offerId + " could not be bought: " + answer);
					this.ledger.ignored(offer);
				}
				return session;
			});
	}

	private ChainBuilder declineOffer() {
		return exec((session) -> {
			this.ledger.givingUp(offer(session), WaitlistLedger.Freed.DECLINE, System.currentTimeMillis());
			return session;
		}).exec(BusyRetries.send(http("offer decline").post("/api/waitlist/offers/#{offerId}/decline")
			.header("Authorization", "#{bearer}"), 204)).exec((session) -> {
				String answer = BusyRetries.answer(session);
				this.ledger.outcomes.count("offer decline " + answer);
				if (!"204".equals(answer)) {
					this.ledger.violation("offer " + session.getString("offerId") + " not declined: " + answer);
				}
				this.ledger.gaveUp(offer(session), WaitlistLedger.Freed.DECLINE, System.currentTimeMillis());
				return session;
			});
	}

	private static boolean fate(Session session, String fate) {
		return fate.equals(session.contains("fate") ? session.getString("fate") : "");
	}

	private static DeliveredOffer offer(Session session) {
		return session.get("offer");
	}

}
