package dev.boxoffice.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Hot seats: {@code -Dattempts} (default 10,000) attempts, arriving at {@code -Drate} per
 * second, each to hold and buy one of the same {@code -Dseats} (default 100) seats.
 * Exactly that many can be sold; the audit proves none was sold twice.
 */
public class HotSeatsSimulation extends Simulation {

	private final double rate = LoadSettings.decimal("rate", 500);

	private final int attempts = LoadSettings.number("attempts", 10_000);

	public HotSeatsSimulation() {
		BenchApi api = BenchApi.connect();
		BenchApi.Event event = api.eventOnSale("Hot seats", LoadSettings.number("seats", 100));
		List<String> buyers = api.buyers(LoadSettings.number("buyers", 1000));
		Rush.Behaviour oneSeatEach = new Rush.Behaviour(1.0, 0.0, 0.0, 1);
		setUp(scenario("hot seats").feed(Rush.buyerFeed(buyers))
			.exec(Rush.buyer(event, oneSeatEach, null))
			.injectOpen(constantUsersPerSec(this.rate).during(Math.max(1, Math.round(this.attempts / this.rate))))
			.andThen(Rush.auditOnce(api, event))).protocols(Rush.protocol(api.baseUrl()))
			.assertions(Rush.auditAssertions());
	}

	@Override
	public void after() {
		Map<String, Object> measured = new LinkedHashMap<>();
		measured.put("arrivalRatePerSecond", this.rate);
		measured.put("attempts", this.attempts);
		measured.put("outcomes", Rush.outcomes.snapshot());
		measured.putAll(Rush.holdTimes.summary("hold"));
		measured.putAll(Rush.purchaseTimes.summary("purchase"));
		Outcomes.write(getClass().getSimpleName(), measured);
	}

}
