package dev.boxoffice.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;

/**
 * A sold-out event's waitlist under a wave of freed seats. An event of {@code -Dseats}
 * (400) is sold out by sellers who hold 1 to 4 seats each and buy them, except a share
 * ({@code -Dhold-only-share}, 0.25) who only hold, last, so that their holds expire in
 * the wave; {@code -Dwaiters} (2,000) buyers, each with their notification stream open,
 * join the line for 1 to {@code -Dwant-max} (2) seats; then a share of the orders
 * ({@code -Dcancel-share}, 0.4) is cancelled over {@code -Dwave-seconds} (10) while the
 * held seats expire. Each offer a buyer's stream delivers is answered at once: bought
 * ({@code -Doffer-buy-share}, 0.7), declined (0.1), paid with a refused card (0.1) or
 * left to run out (the rest). It reports free to offer and offer to sale
 * ({@link WaitlistLedger}) and the counts, checks the seats and the line against what the
 * buyers saw ({@link WaitlistEndCheck}), and ends with the audit. Meanwhile someone not
 * in line asks for a seat twice a second ({@code -Dpublic-holds=0}: not): every hold must
 * be refused, since every seat freed is the line's. The service must run with a short
 * hold TTL (docs/performance.md, "Waitlist").
 */
public class WaitlistSimulation extends Simulation {

	private final BenchApi api;

	private final WaitlistLedger ledger;

	private final WaitlistEndCheck check;

	private final SseStreams streams;

	private final ServiceCpu cpu;

	private final Map<String, Object> settings = new LinkedHashMap<>();

	public WaitlistSimulation() {
		this.api = BenchApi.connect();
		this.cpu = new ServiceCpu(this.api);
		int seats = setting("seats", 400);
		int waiterCount = setting("waiters", 2000);
		int wantMax = setting("want-max", 2);
		Random random = new Random(setting("seed", 1));
		BenchApi.Event event = this.api.eventOnSale("Waitlist wave", seats);
		List<Map<String, Object>> groups = groups(event, random, decimal("hold-only-share", 0.25),
				decimal("cancel-share", 0.4));
		List<String> buyers = this.api.buyers(groups.size() + waiterCount);
		List<String> sellers = buyers.subList(0, groups.size());
		List<String> waiters = buyers.subList(groups.size(), buyers.size());
		int[] wanted = new int[waiterCount];
		for (int i = 0; i < waiterCount; i++) {
			wanted[i] = 1 + random.nextInt(wantMax);
		}
		this.ledger = new WaitlistLedger(wanted, 1000L * setting("quiet", 8), 1000L * setting("max-wave", 240));
		this.check = new WaitlistEndCheck(this.ledger);
		this.streams = SseStreams.open(this.api.baseUrl(), "/api/me/events/stream", waiters,
				setting("streams-per-second", 500), this.ledger::delivered);
		for (int i = 0; i < groups.size(); i++) {
			groups.get(i).put("bearer", "Bearer " + sellers.get(i));
		}
		int cancels = (int) groups.stream().filter((group) -> (Boolean) group.get("cancel")).count();
		this.ledger.cancelsPlanned(cancels);
		Queue<Map<String, Object>> orders = new ConcurrentLinkedQueue<>();
		WaitlistScenarios scenarios = new WaitlistScenarios(this.api, event, this.ledger);
		PopulationBuilder sellout = scenarios.sellout(groups.iterator(), orders)
			.injectOpen(rampUsers(groups.size()).during(spread(groups.size(), setting("sellout-rate", 40))));
		PopulationBuilder joins = scenarios.join(joiners(waiters, wanted))
			.injectOpen(rampUsers(waiterCount).during(spread(waiterCount, setting("join-rate", 50))));
		PopulationBuilder cancelling = scenarios.cancel(polling(orders))
			.injectOpen(rampUsers(Math.max(1, cancels)).during(Duration.ofSeconds(setting("wave-seconds", 10))));
		PopulationBuilder answering = new OfferClerks(this.ledger, waiters)
			.answer(decimal("offer-buy-share", 0.7), decimal("offer-decline-share", 0.1),
					decimal("offer-card-share", 0.1))
			.injectOpen(atOnceUsers(setting("clerks", 16)));
		PopulationBuilder checks = scenarios.endCheck(this.check).injectOpen(atOnceUsers(1));
		// The measured part is the wave: from its first cancellation until every offer is
		// answered (the checks and the audit after it are not counted).
		List<PopulationBuilder> wave = new ArrayList<>(List.of(this.cpu.startOnce(), cancelling,
				answering.andThen(this.cpu.endOnce().andThen(checks.andThen(Rush.auditOnce(this.api, event))))));
		if (setting("public-holds", 1) > 0) {
			wave.add(scenarios.publicHolds("Bearer " + sellers.get(0), Duration.ofMillis(500))
				.injectOpen(atOnceUsers(1)));
		}
		setUp(sellout.andThen(joins.andThen(wave))).protocols(Rush.protocol(this.api.baseUrl()))
			.assertions(assertions());
	}

	@Override
	public void after() {
		Map<String, Object> measured = new LinkedHashMap<>();
		measured.put("settings", this.settings);
		measured.put("outcomes", this.ledger.outcomes.snapshot());
		measured.putAll(this.ledger.timings());
		measured.putAll(this.check.report());
		measured.put("offers", this.ledger.outcomes.get("notification waitlist-offer"));
		// The unit of its costs (app/bench/costs.py): an offer bought.
		long bought = this.ledger.outcomes.get("offer purchase 201");
		measured.put("confirmedPurchases", bought);
		measured.putAll(this.cpu.report(bought));
		measured.put("waveCutShort", this.ledger.cutShort());
		List<String> violations = this.ledger.violations();
		measured.put("violations", violations.size());
		measured.put("violationsFirst", violations.subList(0, Math.min(20, violations.size())));
		measured.put("streamsOpened", this.streams.opened());
		measured.put("streamsEndedEarly", this.streams.endedEarly());
		measured.putAll(ServiceTimer.read(this.api.publicText("/actuator/prometheus"),
				"boxoffice_waitlist_offer_delay_seconds", "serverFreeToOffer"));
		this.streams.close();
		Outcomes.write(getClass().getSimpleName(), measured);
	}

	/**
	 * The seat groups of the sellout, in layout order, 1 to 4 seats each: those to buy
	 * first (some of them to be cancelled in the wave), then those only held.
	 */
	private static List<Map<String, Object>> groups(BenchApi.Event event, Random random, double holdOnly,
			double cancel) {
		List<Map<String, Object>> bought = new ArrayList<>();
		List<Map<String, Object>> held = new ArrayList<>();
		List<String> seats = event.seatIds();
		for (int from = 0; from < seats.size();) {
			int to = Math.min(seats.size(), from + 1 + random.nextInt(4));
			List<String> ids = List.copyOf(seats.subList(from, to));
			boolean onlyHeld = random.nextDouble() < holdOnly;
			Map<String, Object> group = new LinkedHashMap<>();
			group.put("seatIds", ids);
			group.put("holdBody", "{\"seatIds\":[\"" + String.join("\",\"", ids) + "\"]}");
			group.put("holdOnly", onlyHeld);
			group.put("cancel", !onlyHeld && random.nextDouble() < cancel);
			group.put("idempotencyKey", UUID.randomUUID().toString());
			(onlyHeld ? held : bought).add(group);
			from = to;
		}
		Collections.shuffle(bought, random);
		bought.addAll(held);
		return bought;
	}

	private static Iterator<Map<String, Object>> joiners(List<String> waiters, int[] wanted) {
		List<Map<String, Object>> all = new ArrayList<>();
		for (int i = 0; i < waiters.size(); i++) {
			all.add(Map.of("bearer", "Bearer " + waiters.get(i), "quantity", wanted[i], "idempotencyKey",
					UUID.randomUUID().toString()));
		}
		return all.iterator();
	}

	/**
	 * The orders to cancel, as the sellout left them; an empty record once none is left.
	 */
	private static Iterator<Map<String, Object>> polling(Queue<Map<String, Object>> orders) {
		return new Iterator<>() {
			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public Map<String, Object> next() {
				Map<String, Object> order = orders.poll();
				return (order != null) ? order : Map.of("none", true);
			}
		};
	}

	/**
	 * How long {@code count} arrivals take at {@code perSecond}, in whole seconds: a ramp
	 * shorter than a second injected no one here (Gatling 3.14).
	 */
	private static Duration spread(int count, int perSecond) {
		return Duration.ofSeconds(Math.max(1, count / Math.max(1, perSecond)));
	}

	private int setting(String name, int fallback) {
		int value = LoadSettings.number(name, fallback);
		this.settings.put(name, value);
		return value;
	}

	private double decimal(String name, double fallback) {
		double value = LoadSettings.decimal(name, fallback);
		this.settings.put(name, value);
		return value;
	}

	/** The audit, and the buyers' own checks, must both have run and passed. */
	private static Assertion[] assertions() {
		List<Assertion> all = new ArrayList<>(List.of(Rush.auditAssertions()));
		all.add(details("waitlist invariants").successfulRequests().count().is(1L));
		all.add(details("waitlist invariants").failedRequests().count().is(0L));
		return all.toArray(Assertion[]::new);
	}

}
