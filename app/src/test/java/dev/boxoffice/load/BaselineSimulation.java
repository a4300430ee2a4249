package dev.boxoffice.load;

import java.time.Duration;

import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The ceiling of the HTTP stack on this machine: the liveness probe, which touches
 * neither PostgreSQL nor Redis, requested by {@code -Dconcurrency} clients (default 64)
 * back to back for {@code -Dduration} seconds — a closed model, so the rate measured is
 * what the service sustains, not what was offered. Holds per second are compared with it.
 */
public class BaselineSimulation extends Simulation {

	public BaselineSimulation() {
		int concurrency = LoadSettings.number("concurrency", 64);
		Duration duration = LoadSettings.seconds("duration", 20);
		setUp(scenario("no I/O").exec(http("liveness").get("/actuator/health/liveness").check(status().is(200)))
			.injectClosed(constantConcurrentUsers(concurrency).during(duration)))
			.protocols(Rush.protocol(LoadSettings.baseUrl()));
	}

}
