package dev.boxoffice.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

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
 * With {@code -Dsettle}, the answers of the first seconds are not counted
 * ({@link Window}). The service's CPU over the measured part is reported
 * ({@link ServiceCpu}): per request, it is the floor every API request pays.
 */
public class BaselineSimulation extends Simulation {

	private final Duration duration;

	private final LongAdder answered = new LongAdder();

	private final ServiceCpu cpu = new ServiceCpu(BenchApi.connect());

	public BaselineSimulation() {
		int concurrency = LoadSettings.number("concurrency", 64);
		this.duration = LoadSettings.seconds("duration", 20);
		setUp(scenario("no I/O").exec(http("liveness").get("/actuator/health/liveness").check(status().is(200)))
			.exec((session) -> {
				if (!session.isFailed() && Window.counts(System.nanoTime())) {
					this.answered.increment();
				}
				return session;
			})
			.injectClosed(constantConcurrentUsers(concurrency).during(Window.total(this.duration)))
			.andThen(this.cpu.endOnce())).protocols(Rush.protocol(LoadSettings.baseUrl()));
	}

	@Override
	public void before() {
		Window.open();
		this.cpu.startAfter(Window.SETTLE);
	}

	@Override
	public void after() {
		Map<String, Object> measured = Window.report(this.duration);
		measured.put("requestsPerSecond", Window.perSecond(this.answered.sum(), this.duration));
		measured.put("requests", this.answered.sum());
		measured.putAll(this.cpu.report(0));
		Outcomes.write(getClass().getSimpleName(), measured);
	}

}
