package dev.boxoffice.platform.observability;

import java.util.List;

import dev.boxoffice.platform.error.ProblemProbe;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.IsolatedJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code logging.structured.format.console=ecs} each log line is one JSON object.
 */
@IntegrationTest
@IsolatedJvm
@Import(ProblemProbe.class)
@TestPropertySource(properties = "logging.structured.format.console=ecs")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

	@Autowired
	WebTestClient client;

	@Test
	void logLinesAreJsonWithTheRequestId(CapturedOutput output) {
		this.client.get().uri("/probe/log").header(RequestIds.HEADER, "json-line-id").exchange().expectStatus().isOk();
		List<JsonNode> lines = output.getOut()
			.lines()
			.filter((line) -> line.contains("probe handled the request"))
			.map((line) -> JsonMapper.shared().readTree(line))
			.toList();
		assertThat(lines).hasSize(1);
		JsonNode line = lines.get(0);
		assertThat(line.path("message").asString()).isEqualTo("probe handled the request");
		assertThat(line.path("requestId").asString()).isEqualTo("json-line-id");
		assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
	}

}
