package dev.boxoffice.platform.admission;

import java.time.Duration;

import java.util.ArrayList;
import java.util.List;

import dev.boxoffice.platform.error.ProblemResponseWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work already started comes first: with new work at its limit (2 of a bound of 8), a new
 * hold is refused while the purchase and the release of held seats are still admitted, up
 * to the bound; and a request waiting on an outside provider makes room meanwhile.
 */
@Tag("unit")
class AdmissionPriorityTests {

	private final AdaptiveLimit limit = new AdaptiveLimit(1, 8, true, 0);

	private final AdmissionControl admission = new AdmissionControl(8, this.limit, Duration.ofSeconds(10),
			new ProblemResponseWriter(ServerCodecConfigurer.create()), new SimpleMeterRegistry());

	@BeforeEach
	void newWorkQueued() {
		// Holds took 3 ms, then ten times as long: new work is down to 2 of the bound.
		long now = 0;
		for (int window = 0; window < 7; window++) {
			for (int i = 0; i < AdaptiveLimit.WINDOW_SAMPLES; i++) {
				now += AdaptiveLimit.WINDOW_NANOS;
				this.limit.record("hold", (window == 0) ? 3_000_000 : 30_000_000, 8, now);
			}
		}
		assertThat(this.limit.limit()).isEqualTo(2);
	}

	private final List<Disposable> running = new ArrayList<>();

	@AfterEach
	void end() {
		this.running.forEach(Disposable::dispose);
	}

	@Test
	void purchasesAndReleasesAreAdmittedWhenNewHoldsAreRefused() {
		assertThat(admitted(HttpMethod.POST, "/api/events/e/holds")).isTrue();
		assertThat(admitted(HttpMethod.GET, "/api/me")).isTrue();
		assertThat(admitted(HttpMethod.POST, "/api/events/e/holds")).isFalse();
		assertThat(admitted(HttpMethod.GET, "/api/events")).isFalse();
		for (int i = 0; i < 3; i++) {
			assertThat(admitted(HttpMethod.POST, "/api/holds/h" + i + "/purchase")).isTrue();
			assertThat(admitted(HttpMethod.DELETE, "/api/holds/h" + i)).isTrue();
		}
		// 2 + 6 in progress: the bound.
		assertThat(admitted(HttpMethod.POST, "/api/holds/h9/purchase")).isFalse();
	}

	@Test
	void aRequestWaitingOutsideMakesRoomUntilItIsBack() {
		assertThat(admitted(HttpMethod.GET, "/api/me")).isTrue();
		ServerWebExchange waiting = exchange(HttpMethod.POST, "/api/holds/h/purchase");
		this.running
			.add(this.admission.filter(waiting, (exchange) -> Admission.outside(Mono.never()).then()).subscribe());
		assertThat(admitted(HttpMethod.GET, "/api/me")).as("the purchase waits outside").isTrue();
		assertThat(admitted(HttpMethod.GET, "/api/me")).as("two of new work in progress").isFalse();
	}

	@Test
	void eachKindOfRequestIsJudgedAgainstItsOwnFloor() {
		assertThat(kind(HttpMethod.POST, "/api/events/3f2a/holds")).isEqualTo("hold");
		assertThat(kind(HttpMethod.POST, "/api/holds/3f2a:9b/purchase")).isEqualTo("purchase");
		assertThat(kind(HttpMethod.GET, "/api/events/3f2a/seats")).isEqualTo("GET /api/events/*/seats");
		assertThat(kind(HttpMethod.GET, "/api/events")).isEqualTo("GET /api/events");
		assertThat(kind(HttpMethod.POST, "/api/auth/login")).isEqualTo("POST /api/auth/login");
	}

	private static String kind(HttpMethod method, String path) {
		MockServerHttpRequest request = MockServerHttpRequest.method(method, path).build();
		return AdmissionControl.kindOf(request, request.getPath().pathWithinApplication());
	}

	/** Whether a request that then runs on (and never ends) was let through. */
	private boolean admitted(HttpMethod method, String path) {
		ServerWebExchange exchange = exchange(method, path);
		boolean[] passed = { false };
		this.running.add(this.admission.filter(exchange, (through) -> {
			passed[0] = true;
			return Mono.never();
		}).subscribe());
		if (!passed[0]) {
			assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
		}
		return passed[0];
	}

	private static ServerWebExchange exchange(HttpMethod method, String path) {
		return MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
	}

}
