package dev.boxoffice.support;

import tools.jackson.databind.JsonNode;

import org.springframework.test.web.reactive.server.WebTestClient;

/** A gauge's value, as the actuator shows it to an administrator. */
public final class Gauges {

	private Gauges() {
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
