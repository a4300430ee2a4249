package dev.boxoffice.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Login, refresh with rotation and theft detection, logout. */
@IntegrationTest
class SessionTests {

	@Autowired
	WebTestClient client;

	Accounts accounts;

	@BeforeEach
	void accounts() {
		this.accounts = new Accounts(this.client);
	}

	@Test
	void loginReturnsABearerPairThatOpensTheApi() {
		String email = Accounts.uniqueEmail("login");
		this.accounts.register(email, "password-123", "Login");
		this.client.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email.toUpperCase(), "password", "password-123"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Set-Cookie")
			.expectBody()
			.jsonPath("$.tokenType")
			.isEqualTo("Bearer")
			.jsonPath("$.expiresIn")
			.isEqualTo(900)
			.jsonPath("$.accessToken")
			.isNotEmpty()
			.jsonPath("$.refreshToken")
			.isNotEmpty();
		Session session = this.accounts.login(email, "password-123");
		this.client.get()
			.uri("/api/me")
			.header("Authorization", session.bearer())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.email")
			.isEqualTo(email)
			.jsonPath("$.roles")
			.isEqualTo(List.of("USER"));
	}

	@Test
	void wrongPasswordAndUnknownEmailLookTheSame() {
		Session user = this.accounts.newUser();
		JsonNode wrongPassword = failedLogin(user.email(), "not-the-password");
		JsonNode unknownEmail = failedLogin(Accounts.uniqueEmail("nobody"), "not-the-password");
		assertThat(wrongPassword.path("type").asString()).isEqualTo("urn:boxoffice:problem:invalid-credentials");
		assertThat(unknownEmail.path("type")).isEqualTo(wrongPassword.path("type"));
		assertThat(unknownEmail.path("detail")).isEqualTo(wrongPassword.path("detail"));
	}

	@Test
	void refreshRotatesBothTokens() {
		Session session = this.accounts.newUser();
		JsonNode next = refresh(session.refreshToken(), 200);
		assertThat(next.path("refreshToken").asString()).isNotEqualTo(session.refreshToken());
		assertThat(next.path("accessToken").asString()).isNotEqualTo(session.accessToken());
		me("Bearer " + next.path("accessToken").asString(), 200);
		refresh(next.path("refreshToken").asString(), 200);
	}

	@Test
	void reusingARefreshTokenRevokesTheWholeFamily() throws Exception {
		Session session = this.accounts.newUser();
		JsonNode second = refresh(session.refreshToken(), 200);
		String currentAccess = "Bearer " + second.path("accessToken").asString();
		me(currentAccess, 200);

		JsonNode reuse = refresh(session.refreshToken(), 401);
		assertThat(reuse.path("type").asString()).isEqualTo("urn:boxoffice:problem:invalid-refresh-token");

		refresh(second.path("refreshToken").asString(), 401);
		me(currentAccess, 401);
		assertThat(unrevokedTokensOf(session.userId())).isZero();
	}

	@Test
	void concurrentUseOfOneRefreshTokenYieldsAtMostOneNewPair() throws Exception {
		Session session = this.accounts.newUser();
		int attempts = 12;
		ExecutorService pool = Executors.newFixedThreadPool(attempts);
		try {
			List<Callable<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < attempts; i++) {
				calls.add(() -> this.client.post()
					.uri("/api/auth/refresh")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("refreshToken", session.refreshToken()))
					.exchange()
					.returnResult(String.class)
					.getStatus()
					.value());
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> result : pool.invokeAll(calls)) {
				statuses.add(result.get());
			}
			assertThat(statuses).filteredOn((status) -> status == 200).hasSizeLessThanOrEqualTo(1);
			assertThat(statuses).filteredOn((status) -> status != 200).allMatch((status) -> status == 401);
		}
		finally {
			pool.shutdownNow();
		}
		// The losers presented a used token: the family is treated as stolen and revoked.
		assertThat(unrevokedTokensOf(session.userId())).isZero();
	}

	@Test
	void logoutEndsTheSessionAndTheAccessTokenAtOnce() {
		Session session = this.accounts.newUser();
		Session other = this.accounts.login(session.email(), session.password());
		this.client.post()
			.uri("/api/auth/logout")
			.header("Authorization", session.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refreshToken", session.refreshToken()))
			.exchange()
			.expectStatus()
			.isNoContent();
		me(session.bearer(), 401);
		refresh(session.refreshToken(), 401);
		// Another login of the same account is another session: it goes on.
		me(other.bearer(), 200);
		refresh(other.refreshToken(), 200);
	}

	@Test
	void logoutWithoutTheAccessTokenStillStopsIt() {
		Session session = this.accounts.newUser();
		this.client.post()
			.uri("/api/auth/logout")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refreshToken", session.refreshToken()))
			.exchange()
			.expectStatus()
			.isNoContent();
		me(session.bearer(), 401);
	}

	@Test
	void logoutIsIdempotent() {
		for (int i = 0; i < 2; i++) {
			this.client.post()
				.uri("/api/auth/logout")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("refreshToken", "never-issued-" + i))
				.exchange()
				.expectStatus()
				.isNoContent();
		}
	}

	private JsonNode failedLogin(String email, String password) {
		return this.client.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", password))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private JsonNode refresh(String refreshToken, int status) {
		return this.client.post()
			.uri("/api/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refreshToken", refreshToken))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private void me(String authorization, int status) {
		this.client.get()
			.uri("/api/me")
			.header("Authorization", authorization)
			.exchange()
			.expectStatus()
			.isEqualTo(status);
	}

	private static int unrevokedTokensOf(UUID userId) throws Exception {
		try (Connection db = TestServices.get().jdbc();
				PreparedStatement query = db
					.prepareStatement("SELECT count(*) FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL")) {
			query.setObject(1, userId);
			try (ResultSet row = query.executeQuery()) {
				row.next();
				return row.getInt(1);
			}
		}
	}

}
