package dev.boxoffice.support;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Creates accounts and sessions through the public API, as a client would. */
public final class Accounts {

	private static final AtomicLong sequence = new AtomicLong();

	private final WebTestClient client;

	public Accounts(WebTestClient client) {
		this.client = client;
	}

	/** A logged-in account. */
	public record Session(UUID userId, String email, String password, String accessToken, String refreshToken) {

		public String bearer() {
			return "Bearer " + this.accessToken;
		}

	}

	/** A fresh e-mail address no other test uses. */
	public static String uniqueEmail(String label) {
		return label + "-" + System.nanoTime() + "-" + sequence.incrementAndGet() + "@boxoffice.test";
	}

	/** Registers a new USER and logs it in. */
	public Session newUser() {
		String email = uniqueEmail("user");
		String password = "password-" + sequence.incrementAndGet();
		UUID id = UUID.fromString(register(email, password, "Test User").path("id").asString());
		Session session = login(email, password);
		return new Session(id, email, password, session.accessToken(), session.refreshToken());
	}

	/**
	 * Registers a new account, gives it the roles (through the admin API) and logs it in.
	 */
	public Session newUserWithRoles(String... roles) {
		Session user = newUser();
		this.client.put()
			.uri("/api/admin/users/{id}/roles", user.userId())
			.header("Authorization", admin().bearer())
			.bodyValue(Map.of("roles", Arrays.asList(roles)))
			.exchange()
			.expectStatus()
			.isOk();
		Session fresh = login(user.email(), user.password());
		return new Session(user.userId(), user.email(), user.password(), fresh.accessToken(), fresh.refreshToken());
	}

	public Session admin() {
		return login(TestServicesInitializer.ADMIN_EMAIL, TestServicesInitializer.ADMIN_PASSWORD);
	}

	public JsonNode register(String email, String password, String name) {
		return this.client.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password, "name", name))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	public Session login(String email, String password) {
		JsonNode tokens = this.client.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		JsonNode me = this.client.get()
			.uri("/api/me")
			.header("Authorization", "Bearer " + tokens.path("accessToken").asString())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		return new Session(UUID.fromString(me.path("id").asString()), email, password,
				tokens.path("accessToken").asString(), tokens.path("refreshToken").asString());
	}

	/** The roles listed by {@code GET /api/me} for the session. */
	public List<String> rolesOf(Session session) {
		JsonNode me = this.client.get()
			.uri("/api/me")
			.header("Authorization", session.bearer())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		return me.path("roles").valueStream().map(JsonNode::asString).sorted().toList();
	}

}
