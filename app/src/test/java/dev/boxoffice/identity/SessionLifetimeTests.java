package dev.boxoffice.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session ends on time however often it is refreshed, and a logout racing a refresh
 * wins.
 */
@IntegrationTest
class SessionLifetimeTests {

	@Autowired
	WebTestClient client;

	@Autowired
	RefreshTokens refreshTokens;

	@Test
	void refreshingNeverExtendsASession() throws Exception {
		Session session = new Accounts(this.client).newUser();
		String token = session.refreshToken();
		for (int i = 0; i < 3; i++) {
			token = refresh(token).path("refreshToken").asString();
		}
		assertThat(query("""
				SELECT count(DISTINCT t.expires_at), bool_and(t.expires_at = f.expires_at)
				FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id WHERE t.user_id = ?
				""", session.userId())).containsExactly(1L, 1L);
		update("UPDATE refresh_families SET expires_at = now() - interval '1 minute' WHERE user_id = ?",
				session.userId());
		this.client.post()
			.uri("/api/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refreshToken", token))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void aLogoutRacingARefreshLeavesNoTokenAlive() throws Exception {
		for (int round = 0; round < 15; round++) {
			Session session = new Accounts(this.client).newUser();
			CompletableFuture<Integer> refresh = CompletableFuture
				.supplyAsync(() -> status("/api/auth/refresh", session));
			CompletableFuture<Integer> logout = CompletableFuture
				.supplyAsync(() -> status("/api/auth/logout", session));
			assertThat(logout.get()).isEqualTo(204);
			assertThat(refresh.get()).isIn(200, 401);
			assertThat(query("SELECT count(*) FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL",
					session.userId()))
				.containsExactly(0L);
		}
	}

	@Test
	void endedSessionsAreDeleted() throws Exception {
		Session session = new Accounts(this.client).newUser();
		update("UPDATE refresh_families SET expires_at = now() - interval '2 days' WHERE user_id = ?",
				session.userId());
		assertThat(this.refreshTokens.deleteEnded().block()).isGreaterThanOrEqualTo(1L);
		assertThat(query("SELECT count(*) FROM refresh_tokens WHERE user_id = ?", session.userId()))
			.containsExactly(0L);
	}

	private JsonNode refresh(String token) {
		return this.client.post()
			.uri("/api/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refreshToken", token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private int status(String path, Session session) {
		return this.client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refreshToken", session.refreshToken()))
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	private static List<Long> query(String sql, UUID userId) throws Exception {
		try (Connection db = TestServices.get().jdbc(); PreparedStatement query = db.prepareStatement(sql)) {
			query.setObject(1, userId);
			try (ResultSet row = query.executeQuery()) {
				row.next();
				List<Long> values = new ArrayList<>();
				for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
					Object value = row.getObject(column);
					values.add(value instanceof Boolean flag ? (flag ? 1L : 0L) : ((Number) value).longValue());
				}
				return values;
			}
		}
	}

	private static void update(String sql, UUID userId) throws Exception {
		try (Connection db = TestServices.get().jdbc(); PreparedStatement update = db.prepareStatement(sql)) {
			update.setObject(1, userId);
			assertThat(update.executeUpdate()).isPositive();
		}
	}

}
