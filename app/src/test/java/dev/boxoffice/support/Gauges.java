package dev.boxoffice.support;

import java.time.Duration;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

import org.springframework.test.web.reactive.server.WebTestClient;

/** A gauge's value, as the actuator shows it to an administrator. */
public final class Gauges {

	private Gauges() {
	}

	/**
	 * Waits (5 s at most) until admission has {@code requests} in progress: requests
	 * stalled on purpose taking their places, or their places free again.
	 */
	public static void awaitInFlight(WebTestClient client, String adminBearer, int requests) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> value(client, adminBearer, "boxoffice.admission.in_flight") == requests);
	}

	public static int value(WebTestClient client, String adminBearer, String name) {
		JsonNode metric = client.get()
			.uri("/actuator/metrics/" + name)
			.header("Authorization", adminBearer)
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		return metric.path("measurements").get(0).path("value").asInt();
	}

}
