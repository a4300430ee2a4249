package dev.boxoffice.load;

import java.time.Duration;

import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Browsing: visitors arriving at {@code -Drate} per second search events, open one and
 * load its seat map ({@code -Dseats} seats, default 2,000). Ends with the audit.
 */
public class BrowseSimulation extends Simulation {

	public BrowseSimulation() {
		BenchApi api = BenchApi.connect();
		BenchApi.Event event = api.eventOnSale("Browse", LoadSettings.number("seats", 2000));
		double rate = LoadSettings.decimal("rate", 50);
		Duration duration = LoadSettings.seconds("duration", 20);
		setUp(scenario("browse")
			.exec(http("search").get("/api/events?category=bench&limit=20")
				.check(status().is(200))
				.check(jsonPath("$.items").exists()))
			.exec(http("event").get("/api/events/" + event.id())
				.check(status().is(200))
				.check(jsonPath("$.counts.capacity").exists()))
			.exec(http("seat map").get("/api/events/" + event.id() + "/seats").check(status().is(200)))
			.injectOpen(constantUsersPerSec(rate).during(duration))
			.andThen(Rush.auditOnce(api, event))).protocols(Rush.protocol(api.baseUrl()))
			.assertions(Rush.auditAssertions());
	}

}
