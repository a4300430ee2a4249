package dev.boxoffice.load;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The parts the simulations share: buyers who hold seats and buy them, and the closing
 * audit. A hold answers 201 or 409 (seats or places taken); a purchase 201, 402
 * (declined) or 409 (lost a race, or the buyer's ticket limit), and one refused as busy
 * (503) is asked again with the same Idempotency-Key. Anything else — 429, 5xx, a timeout
 * — is an error in the report, counted by kind.
 */
final class Rush {

	private Rush() {
	}

	static HttpProtocolBuilder protocol(String baseUrl) {
		return http.baseUrl(baseUrl)
			.acceptHeader("application/json")
			.contentTypeHeader("application/json")
			.shareConnections()
			.disableCaching();
	}

	/** An endless feed of buyers, going round the provisioned accounts. */
	static Iterator<Map<String, Object>> buyerFeed(List<String> tokens) {
		AtomicLong next = new AtomicLong();
		return new Iterator<>() {
			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public Map<String, Object> next() {
				String token = tokens.get((int) (next.getAndIncrement() % tokens.size()));
				return Map.of("bearer", "Bearer " + token);
			}
		};
	}

	/** How buyers behave: shares in [0, 1]. */
	record Behaviour(double chosenSeats, double abandon, double decline, int maxSeats) {

		static Behaviour fromSettings() {
			return new Behaviour(LoadSettings.decimal("chosen-share", 0.5), LoadSettings.decimal("abandon-share", 0.1),
					LoadSettings.decimal("decline-share", 0.1), LoadSettings.number("max-seats", 4));
		}

	}

	/**
	 * One buyer: picks 1 to {@code maxSeats} seats — side by side from a random place on
	 * the map, or best available in a random section — or as many places of a
	 * general-admission event ({@code items}), holds them, and then either walks away
	 * (the hold expires), pays with a declined card, or pays.
	 */
	static ChainBuilder buyer(BenchApi.Event event, Behaviour behaviour, SeatWatchers watchers) {
		return exec((session) -> choose(session, event, behaviour))
			.exec(http("hold").post("/api/events/" + event.id() + "/holds")
				.header("Authorization", "#{bearer}")
				.body(StringBody("#{holdBody}"))
				// The time first: a failed check stops the ones after it.
				.check(responseTimeInMillis().saveAs("holdMs"))
				.check(status().saveAs("holdAnswer"))
				.check(status().in(201, 409).saveAs("holdStatus"))
				.check(jsonPath("$.holdId").optional().saveAs("holdId"))
				.check(jsonPath("$.seats[*].id").findAll().optional().saveAs("heldSeats")))
			.exec((session) -> {
				if (watchers != null && session.contains("heldSeats")) {
					watchers.held(session.getList("heldSeats"));
				}
				return session;
			})
			.doIf((session) -> "201".equals(session.getString("holdStatus")) && !session.getString("card").isEmpty())
			.then(purchase())
			.exec((session) -> {
				countPlaces(session);
				if (!Window.counts(session.getLong("startedAt"))) {
					return session;
				}
				// No status saved: the answer was not one of the expected ones (or none
				// came).
				outcomes.count("hold " + (session.contains("holdStatus") ? session.getString("holdStatus")
						: "503".equals(session.getString("holdAnswer")) ? "503" : "error"));
				if (session.contains("holdMs")) {
					holdTimes.record(session.getLong("holdMs"));
				}
				if ("201".equals(session.getString("holdStatus")) && !session.getString("card").isEmpty()) {
					String status = session.contains("purchaseStatus") ? session.getString("purchaseStatus") : "error";
					// Still busy after every retry: an error like any other.
					outcomes.count("purchase " + ("503".equals(status) ? "error" : status));
				}
				return session;
			})
			// A hold refused as busy: the buyer waits a second, as it was told, before
			// the
			// next one takes its place (in a closed model; in an open one, arrivals go
			// on).
			.doIf((session) -> "503".equals(session.getString("holdAnswer")))
			.then(pause(Duration.ofSeconds(1)));
	}

	/**
	 * The places (seats, for a seated sale) of every purchase, settling and measured part
	 * alike, for the end checks: bought (201), and in doubt (no answer, or one that does
	 * not say whether the sale went through).
	 */
	static final LongAdder placesBought = new LongAdder();

	static final LongAdder placesInDoubt = new LongAdder();

	private static void countPlaces(Session session) {
		if (!session.contains("holdId") || session.getString("card").isEmpty()) {
			return;
		}
		String status = session.contains("purchaseStatus") ? session.getString("purchaseStatus") : "";
		if ("201".equals(status)) {
			placesBought.add(session.getInt("quantity"));
		}
		else if (!"402".equals(status) && !"409".equals(status)) {
			placesInDoubt.add(session.getInt("quantity"));
		}
	}

	/** How many times a buyer asks again when a purchase is refused as busy (503). */
	private static final int PURCHASE_RETRIES = LoadSettings.number("purchase-retries", 3);

	/**
	 * Pays for the hold. A 503 (the service is busy) is asked again after its
	 * Retry-After, with the same Idempotency-Key, as a real client does, up to
	 * {@code -Dpurchase-retries} times; each refusal is counted ("purchase 503 retried").
	 */
	private static ChainBuilder purchase() {
		return exec((session) -> session.set("purchaseTries", 0))
			.asLongAs((session) -> session.getInt("purchaseTries") == 0
					|| ("503".equals(session.getString("purchaseStatus"))
							&& session.getInt("purchaseTries") <= PURCHASE_RETRIES))
			.on(doIf((session) -> session.getInt("purchaseTries") > 0).then(exec((session) -> {
				if (Window.counts(session.getLong("startedAt"))) {
					outcomes.count("purchase 503 retried");
				}
				return session;
			}).pause((session) -> Duration.ofSeconds(retryAfter(session))))
				.exec((session) -> session.set("purchaseTries", session.getInt("purchaseTries") + 1)
					.remove("purchaseStatus")
					.remove("retryAfter")
					.remove("purchaseMs"))
				.exec(http("purchase").post("/api/holds/#{holdId}/purchase")
					.header("Authorization", "#{bearer}")
					.header("Idempotency-Key", "#{idempotencyKey}")
					.body(StringBody("{\"paymentToken\":\"#{card}\"}"))
					.check(responseTimeInMillis().saveAs("purchaseMs"))
					.check(status().saveAs("purchaseStatus"))
					.check(header("Retry-After").optional().saveAs("retryAfter"))
					.check(status().in(201, 402, 409, 503)))
				.exec((session) -> {
					if (session.contains("purchaseMs") && Window.counts(session.getLong("startedAt"))) {
						purchaseTimes.record(session.getLong("purchaseMs"));
					}
					return session;
				}));
	}

	/** The seconds a 503 asked the buyer to wait (1 to 10; 1 if it did not say). */
	private static long retryAfter(Session session) {
		try {
			return Math.min(10, Math.max(1, Long.parseLong(session.getString("retryAfter").trim())));
		}
		catch (RuntimeException absentOrNotSeconds) {
			return 1;
		}
	}

	/**
	 * What buyers got, by answer ("hold 201", "purchase 402", ...), for the summary:
	 * buyers who started in the measured {@link Window}.
	 */
	static final Outcomes outcomes = new Outcomes();

	/**
	 * Response times of every hold and every purchase, whatever the answer (in the
	 * {@link Window}).
	 */
	static final Histogram holdTimes = new Histogram();

	static final Histogram purchaseTimes = new Histogram();

	private static Session choose(Session session, BenchApi.Event event, Behaviour behaviour) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int quantity = 1 + random.nextInt(behaviour.maxSeats());
		String body;
		if (event.places() != null) {
			body = "{\"items\":[{\"ticketTypeId\":\"" + event.places().ticketTypeId() + "\",\"quantity\":" + quantity
					+ "}]}";
		}
		else if (random.nextDouble() < behaviour.chosenSeats()) {
			List<String> seats = event.seatIds();
			int from = random.nextInt(Math.max(1, seats.size() - quantity + 1));
			List<String> chosen = seats.subList(from, Math.min(seats.size(), from + quantity));
			body = "{\"seatIds\":[\"" + String.join("\",\"", chosen) + "\"]}";
		}
		else {
			String section = event.sections().get(random.nextInt(event.sections().size()));
			body = "{\"section\":\"" + section + "\",\"quantity\":" + quantity + "}";
		}
		double fate = random.nextDouble();
		String card = (fate < behaviour.abandon()) ? ""
				: (fate < behaviour.abandon() + behaviour.decline()) ? "tok_decline" : "tok_ok";
		return session.set("holdBody", body)
			.set("quantity", quantity)
			.set("startedAt", System.nanoTime())
			.set("card", card)
			.set("idempotencyKey", UUID.randomUUID().toString())
			.remove("holdStatus")
			.remove("holdAnswer")
			.remove("holdMs")
			.remove("purchaseMs")
			.remove("holdId")
			.remove("heldSeats")
			.remove("purchaseStatus")
			.remove("purchaseTries");
	}

	/**
	 * The closing audit, run once after the rush: every invariant must hold. Refused as
	 * busy (the last buyers' requests still in progress), it is asked again a second
	 * later, up to {@link #AUDIT_TRIES} times.
	 */
	static ScenarioBuilder audit(BenchApi api, BenchApi.Event event) {
		return scenario("audit").exec((session) -> session.set("auditTries", 0))
			.asLongAs((session) -> session.getInt("auditTries") == 0
					|| ("503".equals(session.getString("auditStatus")) && session.getInt("auditTries") < AUDIT_TRIES))
			.on(doIf((session) -> session.getInt("auditTries") > 0).then(pause(Duration.ofSeconds(1)))
				.exec((session) -> session.set("auditTries", session.getInt("auditTries") + 1).remove("auditStatus"))
				.exec(http("audit").get("/api/admin/events/" + event.id() + "/audit")
					.header("Authorization", api.adminBearer())
					.requestTimeout(Duration.ofSeconds(120))
					.check(status().saveAs("auditStatus"))
					.check(bodyString().saveAs("auditBody"))
					.check(jsonPath("$.ok").ofBoolean().saveAs("auditOk"))
					.check(status().is(200))
					.check(jsonPath("$.ok").ofBoolean().is(true))
					.check(jsonPath("$.checks[?(@.ok == false)].name").count().is(0)))
				.exec(Rush::sayWhatTheAuditFound));
	}

	/**
	 * A failed audit's report goes to the console: which invariant broke, and by how
	 * much.
	 */
	private static Session sayWhatTheAuditFound(Session session) {
		if (session.contains("auditOk") && !session.getBoolean("auditOk")) {
			System.out.println("The audit found: " + session.getString("auditBody"));
		}
		return session;
	}

	private static final int AUDIT_TRIES = 10;

	static io.gatling.javaapi.core.PopulationBuilder auditOnce(BenchApi api, BenchApi.Event event) {
		return audit(api, event).injectOpen(atOnceUsers(1));
	}

	/**
	 * The run fails unless the audit ran and found nothing wrong (refusals as busy before
	 * it are asked again; any other failure ends the tries).
	 */
	static Assertion[] auditAssertions() {
		return new Assertion[] { details("audit").successfulRequests().count().is(1L) };
	}

}
