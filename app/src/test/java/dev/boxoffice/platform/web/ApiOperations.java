package dev.boxoffice.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.reactive.server.WebTestClient;

/** The API description the service serves, read as a client generator reads it. */
final class ApiOperations {

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

	private ApiOperations() {
	}

	/** One operation: method, path template, and its description. */
	record Operation(String method, String path, JsonNode node) {

		String id() {
			return this.node.path("operationId").asString();
		}

		/**
		 * How a failure names it: {@code POST /api/holds/{holdId}/purchase
		 * (purchaseHold)}.
		 */
		String name() {
			return this.method + " " + this.path + " (" + id() + ")";
		}

		JsonNode responses() {
			return this.node.path("responses");
		}

		/** The status codes it answers with, in the order described. */
		List<String> statuses() {
			return List.copyOf(responses().propertyNames());
		}

		boolean needsToken() {
			JsonNode security = this.node.path("security");
			if (!security.isArray() || security.isEmpty()) {
				return false;
			}
			// An empty requirement among the alternatives means "or no token at all".
			return security.valueStream().noneMatch(JsonNode::isEmpty);
		}

	}

	static JsonNode served(WebTestClient client) {
		String json = client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return JsonMapper.shared().readTree(json);
	}

	static List<Operation> of(JsonNode description) {
		List<Operation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : description.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				if (METHODS.contains(operation.getKey())) {
					operations.add(new Operation(operation.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(),
							operation.getValue()));
				}
			}
		}
		return operations;
	}

}
