package dev.boxoffice.load;

import java.time.Duration;

import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The ceiling of the HTTP stack on this machine: the liveness probe, which touches
 * neither PostgreSQL nor Redis, at {@code -Drate} requests per second. Holds per second
 * are compared with this rate.
 */
public class BaselineSimulation extends Simulation {

	public BaselineSimulation() {
		double rate = LoadSettings.decimal("rate", 1000);
		Duration duration = LoadSettings.seconds("duration", 20);
		setUp(scenario("no I/O").exec(http("liveness").get("/actuator/health/liveness").check(status().is(200)))
			.injectOpen(constantUsersPerSec(rate).during(duration)))
			.protocols(Rush.protocol(LoadSettings.baseUrl()));
	}

}
