package dev.boxoffice.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.boxoffice.platform.web.ApiOperations.Operation;
import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.IntegrationTest;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the description says comes from where it is decided: every route of the service is
 * an operation, each success status is declared on its handler as the handler answers,
 * schemas are named for what they are, and a hold's seat limit is the configured one
 * (here 6, so that a limit written down elsewhere would show).
 */
@IntegrationTest
@TestPropertySource(properties = "boxoffice.holds.max-seats=6")
class ApiDescriptionSourcesTests {

	/**
	 * Names springdoc would give records and views that say nothing of what they hold.
	 */
	static final Set<String> GENERIC = Set.of("Create", "Patch", "Update", "Register", "Login", "Refresh", "Logout",
			"Roles", "Row", "Section", "Check", "Request", "Response");

	@Autowired
	WebTestClient client;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	JsonNode description;

	Map<String, HandlerMethod> handlers;

	@BeforeEach
	void readTheDescriptionAndTheRoutes() {
		this.description = ApiOperations.served(this.client);
		this.handlers = new java.util.LinkedHashMap<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			if (handler.getBeanType().getPackageName().startsWith("dev.boxoffice")) {
				info.getPatternsCondition()
					.getPatterns()
					.forEach((pattern) -> info.getMethodsCondition()
						.getMethods()
						.forEach((method) -> this.handlers.put(method.name() + " " + pattern, handler)));
			}
		});
	}

	@Test
	void everyRouteOfTheServiceIsAnOperationOfTheDescription() {
		List<String> described = ApiOperations.of(this.description)
			.stream()
			.map((operation) -> operation.method() + " " + operation.path())
			.toList();
		// The pages are HTML for people, not part of the API.
		Set<String> pages = Set.of("GET /events/{eventId}", "GET /signin", "GET /organizer");
		assertThat(described).containsExactlyInAnyOrderElementsOf(
				this.handlers.keySet().stream().filter((route) -> !pages.contains(route)).toList());
	}

	@Test
	void everySuccessStatusIsDeclaredOnItsHandlerAsTheHandlerAnswers() {
		List<String> wrong = new ArrayList<>();
		for (Operation operation : ApiOperations.of(this.description)) {
			HandlerMethod handler = this.handlers.get(operation.method() + " " + operation.path());
			List<String> declared = java.util.Arrays.stream(handler.getMethod().getAnnotationsByType(ApiResponse.class))
				.map(ApiResponse::responseCode)
				.filter((status) -> status.startsWith("2"))
				.toList();
			List<String> described = operation.statuses().stream().filter((status) -> status.startsWith("2")).toList();
			if (declared.isEmpty() || !declared.equals(described)) {
				wrong.add(operation.name() + ": declared " + declared + ", described " + described);
			}
			ResponseStatus fixed = handler.getMethodAnnotation(ResponseStatus.class);
			if (fixed != null && !described.equals(List.of(String.valueOf(fixed.code().value())))) {
				wrong.add(operation.name() + ": answers " + fixed.code().value() + ", described " + described);
			}
		}
		assertThat(wrong).as("operations").isEmpty();
	}

	@Test
	void schemaNamesSayWhatTheyAre() {
		List<String> names = List.copyOf(this.description.path("components").path("schemas").propertyNames());
		assertThat(names).contains("Event", "Hold", "Order", "Problem", "PurchaseRequest")
			.allSatisfy((name) -> assertThat(name).matches("[A-Z][A-Za-z]+")
				.doesNotEndWith("View")
				.doesNotEndWith("Ref")
				.doesNotStartWith("ServerSentEvent"))
			.doesNotContainAnyElementsOf(GENERIC);
	}

	@Test
	void aHoldsSeatLimitIsTheConfiguredOne() {
		JsonNode hold = this.description.path("components").path("schemas").path("HoldRequest").path("properties");
		assertThat(hold.path("seatIds").path("maxItems").asInt()).isEqualTo(6);
		assertThat(hold.path("quantity").path("maximum").asInt()).isEqualTo(6);
		String bearer = new Accounts(this.client).newUser().bearer();
		this.client.post()
			.uri("/api/events/{id}/holds", UUID.randomUUID())
			.header("Authorization", bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("section", "A", "quantity", 7))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].message")
			.isEqualTo("a hold has at most 6 seats");
	}

}
