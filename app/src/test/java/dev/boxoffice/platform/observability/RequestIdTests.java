package dev.boxoffice.platform.observability;

import dev.boxoffice.platform.error.ProblemProbe;
import dev.boxoffice.support.IntegrationTest;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every request has an id: the client's, or a new one; echoed, and in its log lines. */
@IntegrationTest
@Import(ProblemProbe.class)
@ExtendWith(OutputCaptureExtension.class)
class RequestIdTests {

	@Autowired
	WebTestClient client;

	@Test
	void onlyTheRequestIdIsCarriedIntoThreadLocals() {
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
		assertThat(ContextRegistry.getInstance().getThreadLocalAccessors()).extracting(ThreadLocalAccessor::key)
			.containsExactly(RequestIds.KEY);
	}

	@Test
	void acceptsAndEchoesTheClientsRequestId() {
		this.client.get()
			.uri("/actuator/health")
			.header(RequestIds.HEADER, "client-chosen.id_42")
			.exchange()
			.expectHeader()
			.valueEquals(RequestIds.HEADER, "client-chosen.id_42");
	}

	@Test
	void generatesAnIdWhenTheClientSendsNone() {
		String id = this.client.get()
			.uri("/actuator/health")
			.exchange()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst(RequestIds.HEADER);
		assertThat(id).matches("[0-9a-f-]{36}");
	}

	@Test
	void replacesAnIdThatIsTooLongOrHasOddCharacters() {
		String offered = "x".repeat(65);
		String id = this.client.get()
			.uri("/actuator/health")
			.header(RequestIds.HEADER, offered)
			.exchange()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst(RequestIds.HEADER);
		assertThat(id).isNotEqualTo(offered).matches("[0-9a-f-]{36}");
		String injected = this.client.get()
			.uri("/actuator/health")
			.header(RequestIds.HEADER, "abc\" onerror=1")
			.exchange()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst(RequestIds.HEADER);
		assertThat(injected).matches("[0-9a-f-]{36}");
	}

	@Test
	void everyLogLineOfARequestCarriesItsId(CapturedOutput output) {
		this.client.get().uri("/probe/log").header(RequestIds.HEADER, "log-line-id-1").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/probe/crash")
			.header(RequestIds.HEADER, "log-line-id-2")
			.exchange()
			.expectStatus()
			.is5xxServerError();
		assertThat(output.getOut()).containsPattern("\\[log-line-id-1\\] .*probe handled the request")
			.containsPattern("\\[log-line-id-2\\] .*probe about to fail")
			.containsPattern("\\[log-line-id-2\\] .*Unhandled failure of GET /probe/crash");
	}

	@Test
	void theIdIsInTheErrorBodyToo() {
		this.client.get()
			.uri("/probe/crash")
			.header(RequestIds.HEADER, "quote-me")
			.exchange()
			.expectBody()
			.jsonPath("$.requestId")
			.isEqualTo("quote-me");
	}

}
