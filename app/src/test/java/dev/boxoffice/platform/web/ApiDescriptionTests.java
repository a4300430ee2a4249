package dev.boxoffice.platform.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.boxoffice.platform.web.ApiOperations.Operation;
import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API description is one a client generator can use: every operation named, grouped
 * by feature, with its real success status, its errors as problem details naming their
 * types, and a token asked for exactly where the service refuses callers without one.
 * Each test names every operation that breaks its rule.
 */
@IntegrationTest
class ApiDescriptionTests {

	/**
	 * Operations that create something answer 201, those that return nothing 204; all
	 * others 200.
	 */
	static final Map<String, String> NOT_200 = Map.of("register", "201", "createVenue", "201", "createEvent", "201",
			"holdSeats", "201", "purchaseHold", "201", "logOut", "204", "releaseHold", "204", "joinWaitlist", "201",
			"leaveWaitlist", "204", "declineWaitlistOffer", "204");

	/**
	 * What the issue named as public, among others: signing up and in, search and the
	 * event pages.
	 */
	static final Set<String> PUBLIC = Set.of("register", "logIn", "refreshTokens", "logOut", "searchEvents", "getEvent",
			"listSeats", "streamSeats", "getVenue", "getSigningKeys");

	static final Set<String> TAGS = Set.of(ApiTags.ACCOUNTS, ApiTags.CATALOG, ApiTags.SEATS, ApiTags.HOLDS,
			ApiTags.ORDERS, ApiTags.WAITLIST, ApiTags.LIVE, ApiTags.ANALYTICS, ApiTags.OPERATIONS);

	private static final Pattern PROBLEM_TYPE = Pattern.compile("urn:boxoffice:problem:[a-z]+(-[a-z]+)*|about:blank");

	@Autowired
	WebTestClient client;

	JsonNode description;

	List<Operation> operations;

	@BeforeEach
	void readTheDescription() {
		this.description = ApiOperations.served(this.client);
		this.operations = ApiOperations.of(this.description);
		assertThat(this.operations).extracting(Operation::id).contains("purchaseHold", "register");
	}

	@Test
	void everyOperationHasASummaryOneFeatureTagAndAnIdAGeneratorCanNameItBy() {
		List<String> wrong = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		for (Operation operation : this.operations) {
			if (operation.node().path("summary").asString("").isBlank()) {
				wrong.add(operation.name() + ": no summary");
			}
			List<String> tags = operation.node().path("tags").valueStream().map(JsonNode::asString).toList();
			if (tags.size() != 1 || !TAGS.contains(tags.get(0))) {
				wrong.add(operation.name() + ": tags " + tags + " instead of one of " + TAGS);
			}
			if (!operation.id().matches("[a-z][a-zA-Z]+") || !ids.add(operation.id())) {
				wrong.add(operation.name() + ": operationId is not a unique name in camelCase");
			}
		}
		assertThat(wrong).as("operations").isEmpty();
		assertThat(this.description.path("tags").valueStream().map((tag) -> tag.path("name").asString()))
			.as("tags of the description, each described")
			.containsExactlyInAnyOrderElementsOf(TAGS);
		assertThat(this.description.path("tags").valueStream().map((tag) -> tag.path("description").asString()))
			.noneMatch(String::isBlank);
	}

	@Test
	void everyOperationDescribesTheOneSuccessStatusItAnswers() {
		List<String> wrong = new ArrayList<>();
		for (Operation operation : this.operations) {
			List<String> successes = operation.statuses().stream().filter((status) -> status.startsWith("2")).toList();
			String expected = NOT_200.getOrDefault(operation.id(), "200");
			if (!successes.equals(List.of(expected))) {
				wrong.add(operation.name() + ": " + successes + " instead of " + expected);
			}
			JsonNode success = operation.responses().path(expected);
			if (success.path("description").asString("").isBlank()
					|| success.path("description").asString().equals("OK")) {
				wrong.add(operation.name() + ": its " + expected + " is not described");
			}
			if (!expected.equals("204") && success.path("content").isEmpty()) {
				wrong.add(operation.name() + ": its " + expected + " has no content");
			}
		}
		assertThat(wrong).as("operations").isEmpty();
	}

	@Test
	void everyErrorIsAProblemDetailThatNamesItsTypes() {
		List<String> wrong = new ArrayList<>();
		for (Operation operation : this.operations) {
			for (String status : operation.statuses()) {
				if (status.compareTo("400") >= 0) {
					wrong.addAll(problemsOf(operation.name() + " " + status, operation.responses().path(status)));
				}
			}
			if (!operation.statuses().contains("500")) {
				wrong.add(operation.name() + ": no 500");
			}
			if (!operation.node().path("requestBody").isMissingNode() && !types(operation.responses().path("400"))
				.containsAll(List.of("urn:boxoffice:problem:validation", "urn:boxoffice:problem:malformed-request"))) {
				wrong.add(operation.name() + ": takes a body, but its 400 lacks validation or malformed-request");
			}
		}
		assertThat(wrong).as("error responses").isEmpty();
	}

	@Test
	void everyOperationAsksForATokenExactlyWhenTheServiceRefusesCallersWithoutOne() {
		List<String> wrong = new ArrayList<>();
		for (Operation operation : this.operations) {
			EntityExchangeResult<String> anonymous = callWithoutToken(operation);
			boolean refused = anonymous.getStatus().value() == 401;
			if (operation.needsToken() != refused) {
				wrong.add(operation.name() + ": described " + (operation.needsToken() ? "with" : "without")
						+ " a token, answers a caller without one " + anonymous.getStatus());
			}
			if (operation.needsToken()
					&& !types(operation.responses().path("401")).contains("urn:boxoffice:problem:unauthorized")) {
				wrong.add(operation.name() + ": needs a token, but its 401 is not described");
			}
		}
		assertThat(wrong).as("operations").isEmpty();
		assertThat(this.operations).filteredOn((operation) -> !operation.needsToken())
			.extracting(Operation::id)
			.containsExactlyInAnyOrderElementsOf(PUBLIC);
		assertThat(this.description.path("security").isMissingNode()).as("no token asked for by default").isTrue();
	}

	private List<String> problemsOf(String where, JsonNode response) {
		List<String> wrong = new ArrayList<>();
		List<String> mediaTypes = List.copyOf(response.path("content").propertyNames());
		if (!mediaTypes.equals(List.of(MediaType.APPLICATION_PROBLEM_JSON_VALUE))) {
			wrong.add(where + ": content " + mediaTypes + " instead of application/problem+json");
		}
		String schema = response.path("content")
			.path(MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.path("schema")
			.path("$ref")
			.asString("");
		if (!schema.equals("#/components/schemas/Problem")) {
			wrong.add(where + ": schema " + schema + " instead of Problem");
		}
		List<String> types = types(response);
		if (types.isEmpty()) {
			wrong.add(where + ": names no problem type");
		}
		for (String type : types) {
			if (!PROBLEM_TYPE.matcher(type).matches() || !response.path("description").asString("").contains(type)) {
				wrong.add(where + ": type " + type + " is not a problem type, or is not described");
			}
		}
		return wrong;
	}

	private static List<String> types(JsonNode response) {
		return response.path("x-problem-types").valueStream().map(JsonNode::asString).toList();
	}

	/**
	 * The operation with made-up ids (a hold id of the right shape), an empty JSON body
	 * where it takes one.
	 */
	private EntityExchangeResult<String> callWithoutToken(Operation operation) {
		String path = operation.path()
			.replace("{holdId}", "h" + "A".repeat(32))
			.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
		WebTestClient.RequestBodySpec request = this.client.method(HttpMethod.valueOf(operation.method()))
			.uri(path)
			.header("Idempotency-Key", UUID.randomUUID().toString());
		if (!operation.node().path("requestBody").isMissingNode()) {
			request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
		}
		return request.exchange().expectBody(String.class).returnResult();
	}

}
