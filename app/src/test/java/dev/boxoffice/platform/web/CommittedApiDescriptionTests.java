package dev.boxoffice.platform.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/openapi.json, from which the build generates the tests' API client, is exactly
 * what the service serves at {@code /v3/api-docs}: it cannot go stale.
 */
@IntegrationTest
class CommittedApiDescriptionTests {

	/**
	 * Where the description is committed, from the app module (the tests' working
	 * directory).
	 */
	static final Path COMMITTED = Path.of("../docs/openapi.json");

	/**
	 * Where the served description is written, in the committed file's format, to be
	 * copied over it.
	 */
	static final Path SERVED = Path.of("target/openapi.json");

	@Autowired
	WebTestClient client;

	@Test
	void theCommittedDescriptionIsTheOneTheServiceServes() throws IOException {
		JsonNode served = ApiOperations.served(this.client);
		Files.writeString(SERVED,
				JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(served)
						+ "\n");
		JsonNode committed = JsonMapper.shared().readTree(Files.readString(COMMITTED));
		assertThat(differences("", committed, served)).as("where docs/openapi.json differs from the description "
				+ "the service serves. If the API change is meant, take the served one: "
				+ "cp app/target/openapi.json docs/openapi.json, and build again (the API client is generated from it)")
			.isEmpty();
	}

	/** JSON pointers to where two documents differ, the first 20. */
	private static List<String> differences(String at, JsonNode committed, JsonNode served) {
		List<String> found = new ArrayList<>();
		if (committed.isObject() && served.isObject()) {
			Set<String> names = new LinkedHashSet<>(committed.propertyNames());
			names.addAll(served.propertyNames());
			for (String name : names) {
				found.addAll(differences(at + "/" + name.replace("~", "~0").replace("/", "~1"), committed.path(name),
						served.path(name)));
			}
		}
		else if (committed.isArray() && served.isArray() && committed.size() == served.size()) {
			for (int i = 0; i < committed.size(); i++) {
				found.addAll(differences(at + "/" + i, committed.get(i), served.get(i)));
			}
		}
		else if (!committed.equals(served)) {
			found.add(at + ": committed " + shown(committed) + ", served " + shown(served));
		}
		return found.subList(0, Math.min(found.size(), 20));
	}

	private static String shown(JsonNode node) {
		String text = node.isMissingNode() ? "nothing" : node.toString();
		return (text.length() > 100) ? text.substring(0, 100) + "…" : text;
	}

}
