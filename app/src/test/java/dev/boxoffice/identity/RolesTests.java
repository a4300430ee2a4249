package dev.boxoffice.identity;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Roles: only an ADMIN grants them; a change takes effect at once. */
@IntegrationTest
class RolesTests {

	@Autowired
	WebTestClient client;

	Accounts accounts;

	@BeforeEach
	void accounts() {
		this.accounts = new Accounts(this.client);
	}

	@Test
	void theBootstrapAdministratorIsAnAdmin() {
		assertThat(this.accounts.rolesOf(this.accounts.admin())).containsExactly("ADMIN", "USER");
	}

	@Test
	void aUserCannotChangeRoles() {
		Session user = this.accounts.newUser();
		this.client.put()
			.uri("/api/admin/users/{id}/roles", user.userId())
			.header("Authorization", user.bearer())
			.bodyValue(Map.of("roles", List.of("ADMIN")))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:forbidden");
		assertThat(this.accounts.rolesOf(user)).containsExactly("USER");
	}

	@Test
	void anOrganizerCannotChangeRolesEither() {
		Session organizer = this.accounts.newUserWithRoles("ORGANIZER");
		this.client.put()
			.uri("/api/admin/users/{id}/roles", organizer.userId())
			.header("Authorization", organizer.bearer())
			.bodyValue(Map.of("roles", List.of("ADMIN")))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void anAdminGrantsRolesAndOldTokensStopWorking() {
		Session user = this.accounts.newUser();
		this.client.put()
			.uri("/api/admin/users/{id}/roles", user.userId())
			.header("Authorization", this.accounts.admin().bearer())
			.bodyValue(Map.of("roles", List.of("ORGANIZER")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.roles")
			.isEqualTo(List.of("USER", "ORGANIZER"));
		// The old token still says USER only: it must not be usable any more.
		this.client.get()
			.uri("/api/me")
			.header("Authorization", user.bearer())
			.exchange()
			.expectStatus()
			.isUnauthorized();
		Session again = this.accounts.login(user.email(), user.password());
		assertThat(this.accounts.rolesOf(again)).containsExactly("ORGANIZER", "USER");
	}

	@Test
	void unknownAccountIs404AndBadRolesAre400() {
		String admin = this.accounts.admin().bearer();
		this.client.put()
			.uri("/api/admin/users/{id}/roles", UUID.randomUUID())
			.header("Authorization", admin)
			.bodyValue(Map.of("roles", List.of("ORGANIZER")))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.put()
			.uri("/api/admin/users/{id}/roles", UUID.randomUUID())
			.header("Authorization", admin)
			.bodyValue(Map.of("roles", List.of()))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("roles");
		this.client.put()
			.uri("/api/admin/users/{id}/roles", UUID.randomUUID())
			.header("Authorization", admin)
			.bodyValue(Map.of("roles", List.of("KING")))
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.put()
			.uri("/api/admin/users/not-a-uuid/roles")
			.header("Authorization", admin)
			.bodyValue(Map.of("roles", List.of("USER")))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

}
