package dev.boxoffice.load;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ScenarioBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The waitlist wave's scenarios, each a part of {@link WaitlistSimulation}: the sellout,
 * the buyers joining the line, the cancellations, a member of the public trying to hold a
 * seat while the line waits, and the closing checks (the buyers' answers to their offers
 * are {@link OfferClerks}). Every freeing and every answer is told to the
 * {@link WaitlistLedger}.
 */
final class WaitlistScenarios {

	private final BenchApi api;

	private final BenchApi.Event event;

	private final WaitlistLedger ledger;

	WaitlistScenarios(BenchApi api, BenchApi.Event event, WaitlistLedger ledger) {
		this.api = api;
		this.event = event;
		this.ledger = ledger;
	}

	/**
	 * A seller holds their seats, then buys them ({@code tok_ok}) unless theirs is a hold
	 * left to expire; an order to be cancelled later goes on {@code cancels}.
	 */
	ScenarioBuilder sellout(Iterator<Map<String, Object>> groups, Queue<Map<String, Object>> cancels) {
		return scenario("sellout").feed(groups)
			.exec(BusyRetries.send(http("sellout hold").post("/api/events/" + this.event.id() + "/holds")
				.header("Authorization", "#{bearer}")
				.body(StringBody("#{holdBody}"))
				.check(jsonPath("$.holdId").optional().saveAs("holdId"))
				.check(jsonPath("$.expiresAt").optional().saveAs("expiresAt")), 201, 409))
			.exec((session) -> {
				String held = BusyRetries.answer(session);
				this.ledger.outcomes.count("sellout hold " + held);
				if ("201".equals(held) && session.getBoolean("holdOnly")) {
					this.ledger.freeing(session.getList("seatIds"), WaitlistLedger.Freed.EXPIRY,
							Instant.parse(session.getString("expiresAt")).toEpochMilli());
				}
				if (session.getBoolean("cancel") && !"201".equals(held)) {
					this.ledger.cancelDone();
				}
				return session;
			})
			.doIf((session) -> "201".equals(BusyRetries.answer(session)) && !session.getBoolean("holdOnly"))
			.then(BusyRetries
				.send(http("sellout purchase").post("/api/holds/#{holdId}/purchase")
					.header("Authorization", "#{bearer}")
					.header("Idempotency-Key", "#{idempotencyKey}")
					.body(StringBody("{\"paymentToken\":\"tok_ok\"}"))
					.check(jsonPath("$.orderId").optional().saveAs("orderId")), 201, 402, 409)
				.exec((session) -> {
					String bought = BusyRetries.answer(session);
					this.ledger.outcomes.count("sellout purchase " + bought);
					if ("201".equals(bought)) {
						this.ledger.sold(session.getList("seatIds"));
						if (session.getBoolean("cancel")) {
							cancels.add(Map.of("bearer", session.getString("bearer"), "orderId",
									session.getString("orderId"), "seatIds", session.getList("seatIds")));
						}
					}
					else if (session.getBoolean("cancel")) {
						this.ledger.cancelDone();
					}
					return session;
				}));
	}

	/** A buyer joins the line for their quantity, any section. */
	ScenarioBuilder join(Iterator<Map<String, Object>> waiters) {
		return scenario("join").feed(waiters)
			.exec(BusyRetries.send(http("join").post("/api/events/" + this.event.id() + "/waitlist")
				.header("Authorization", "#{bearer}")
				.header("Idempotency-Key", "#{idempotencyKey}")
				.body(StringBody("{\"quantity\":#{quantity}}"))
				.check(jsonPath("$.detail").optional().saveAs("detail")), 201, 409))
			.exec((session) -> {
				String answer = BusyRetries.answer(session);
				// A refusal says why: the event's seats are free, the line changed, or
				// the service was too busy.
				this.ledger.outcomes.count("join " + answer + ("201".equals(answer) || !session.contains("detail") ? ""
						: ": " + session.getString("detail")));
				return session;
			});
	}

	/** A seller cancels their order; its seats are freed by the cancellation. */
	ScenarioBuilder cancel(Iterator<Map<String, Object>> orders) {
		return scenario("cancel").feed(orders).doIf((session) -> session.contains("orderId")).then(exec((session) -> {
			this.ledger.freeing(session.getList("seatIds"), WaitlistLedger.Freed.CANCEL, System.currentTimeMillis());
			return session;
		}).exec(BusyRetries
			.send(http("cancel").post("/api/orders/#{orderId}/cancel").header("Authorization", "#{bearer}"), 200))
			.exec((session) -> {
				String answer = BusyRetries.answer(session);
				this.ledger.outcomes.count("cancel " + answer);
				if ("200".equals(answer)) {
					this.ledger.freed(session.getList("seatIds"), WaitlistLedger.Freed.CANCEL,
							System.currentTimeMillis());
				}
				else {
					this.ledger.violation("order " + session.getString("orderId") + " not cancelled: " + answer);
					this.ledger.sold(session.getList("seatIds"));
				}
				this.ledger.cancelDone();
				return session;
			}));
	}

	/**
	 * Someone not in line asks for the best seat of a random section every {@code pause}
	 * while the wave lasts. Every seat freed meanwhile is the line's, so each hold must
	 * be refused (409); one granted is a violation, and is released at once (to the
	 * line).
	 */
	ScenarioBuilder publicHolds(String bearer, Duration pause) {
		List<String> sections = this.event.sections();
		return scenario("public holds").asLongAs((session) -> !this.ledger.over())
			.on(exec((session) -> session.set("bearer", bearer)
				.set("section", sections.get(ThreadLocalRandom.current().nextInt(sections.size()))))
				.exec(http("public hold").post("/api/events/" + this.event.id() + "/holds")
					.header("Authorization", "#{bearer}")
					.body(StringBody("{\"section\":\"#{section}\",\"quantity\":1}"))
					.check(status().saveAs("status"))
					.check(status().in(201, 409, 503))
					.check(jsonPath("$.holdId").optional().saveAs("holdId"))
					.check(jsonPath("$.seats[*].id").findAll().optional().saveAs("heldSeats")))
				.exec((session) -> {
					this.ledger.outcomes.count("public hold " + BusyRetries.answer(session));
					return session;
				})
				.doIf((session) -> "201".equals(BusyRetries.answer(session)))
				.then(exec((session) -> {
					this.ledger.violation(
							"a member of the public held " + session.getList("heldSeats") + " while buyers waited");
					this.ledger.freeing(session.getList("heldSeats"), WaitlistLedger.Freed.PUBLIC_RELEASE,
							System.currentTimeMillis());
					return session;
				}).exec(http("public release").delete("/api/holds/#{holdId}")
					.header("Authorization", "#{bearer}")
					.check(status().is(204))).exec((session) -> {
						this.ledger.freed(session.getList("heldSeats"), WaitlistLedger.Freed.PUBLIC_RELEASE,
								System.currentTimeMillis());
						return session;
					}))
				.pause(pause));
	}

	/**
	 * Once the wave is over: reads the whole line (organizer's view) and then checks the
	 * seats against what the buyers saw ({@link WaitlistEndCheck}); the request "waitlist
	 * invariants" fails unless no violation was found.
	 */
	ScenarioBuilder endCheck(WaitlistEndCheck check) {
		String line = "/api/events/" + this.event.id() + "/waitlist";
		return scenario("waitlist check").exec((session) -> session.set("cursor", "").set("pages", 0))
			.asLongAs((session) -> session.getInt("pages") == 0
					|| (!session.getString("cursor").isEmpty() && session.getInt("pages") < 1000))
			.on(exec((session) -> session.set("pages", session.getInt("pages") + 1)
				.set("from", session.getString("cursor"))
				.set("cursor", ""))
				.doIfOrElse((session) -> session.getString("from").isEmpty())
				.then(exec(http("waitlist line").get(line)
					.queryParam("limit", "100")
					.header("Authorization", this.api.adminBearer())
					.check(bodyString().transform(check::linePage).saveAs("cursor"))))
				.orElse(exec(http("waitlist line").get(line)
					.queryParam("limit", "100")
					.queryParam("cursor", "#{from}")
					.header("Authorization", this.api.adminBearer())
					.check(bodyString().transform(check::linePage).saveAs("cursor")))))
			.exec(http("waitlist invariants").get("/api/events/" + this.event.id() + "/seats")
				.check(bodyString().transform(check::seats).is(0L)));
	}

}
