package dev.boxoffice.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * <p>
 * With {@code -Dprobe}, it measures what an API request pays before its feature does
 * anything, in two steps, each with the bench administrator's valid token: {@code token}
 * asks {@code GET /api/holds/{id}} with an id no hold can have, so the answer is a 404
 * after the security chain and the token's one Redis call (its revocations and budget)
 * and nothing else; {@code read} asks {@code GET /api/me}, which adds one PostgreSQL read
 * and a JSON body. A hold does {@code read}'s round trips and one Redis script more
 * (docs/performance.md): these measure the part of its cost that any request with a token
 * pays.
 * <p>
 * With {@code -Drefusals=N}, it measures a refusal instead: N holds are first left in
 * progress for the whole run (each sends its headers and never its whole body), which
 * takes admission control past its limit for new work; then {@code GET /api/me}, with a
 * valid token, is asked back to back, and every answer must be the 503 {@code busy} that
 * admission control gives before anything else is spent.
 */
public class BaselineSimulation extends Simulation {

	private final Duration duration;

	private final LongAdder answered = new LongAdder();

	private final BenchApi api = BenchApi.connect();

	private final ServiceCpu cpu = new ServiceCpu(this.api);

	private final int refusals = LoadSettings.number("refusals", 0);

	private final String probe = (this.refusals > 0) ? "refused" : LoadSettings.text("probe", "liveness");

	private final List<Socket> stalled = new ArrayList<>();

	public BaselineSimulation() {
		int concurrency = LoadSettings.number("concurrency", 64);
		this.duration = LoadSettings.seconds("duration", 20);
		var request = switch (this.probe) {
			case "refused" ->
				http("refused").get("/api/me").header("Authorization", this.api.adminBearer()).check(status().is(503));
			case "token" -> http("token").get("/api/holds/not-a-hold")
				.header("Authorization", this.api.adminBearer())
				.check(status().is(404));
			case "read" ->
				http("read").get("/api/me").header("Authorization", this.api.adminBearer()).check(status().is(200));
			case "liveness" -> http("liveness").get("/actuator/health/liveness").check(status().is(200));
			default -> throw new IllegalArgumentException("-Dprobe is liveness, token or read");
		};
		setUp(scenario("no I/O").exec(request).exec((session) -> {
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
		URI base = URI.create(this.api.baseUrl());
		for (int i = 0; i < this.refusals; i++) {
			try {
				Socket socket = new Socket(base.getHost(), base.getPort());
				socket.getOutputStream()
					.write(("POST /api/events/" + UUID.randomUUID() + "/holds HTTP/1.1\r\nHost: " + base.getHost()
							+ "\r\nAuthorization: " + this.api.adminBearer()
							+ "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
						.getBytes(StandardCharsets.US_ASCII));
				this.stalled.add(socket);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		Window.open();
		this.cpu.startAfter(Window.SETTLE);
	}

	@Override
	public void after() {
		for (Socket socket : this.stalled) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		Map<String, Object> measured = Window.report(this.duration);
		measured.put("requestsPerSecond", Window.perSecond(this.answered.sum(), this.duration));
		measured.put("requests", this.answered.sum());
		measured.put("refusals", this.refusals > 0);
		measured.put("probe", this.probe);
		measured.putAll(this.cpu.report(0));
		Outcomes.write(getClass().getSimpleName(), measured);
	}

}
