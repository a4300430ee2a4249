package dev.boxoffice.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class RegistrationTests {

	@Autowired
	WebTestClient client;

	@Test
	void registrationCreatesAUserWithAHashedPassword() throws Exception {
		String email = Accounts.uniqueEmail("Mixed.Case");
		this.client.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "password", "correct horse battery", "name", "  Ada  "))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.location("/api/me")
			.expectBody()
			.jsonPath("$.id")
			.isNotEmpty()
			.jsonPath("$.email")
			.isEqualTo(email.toLowerCase())
			.jsonPath("$.name")
			.isEqualTo("Ada")
			.jsonPath("$.roles")
			.isEqualTo(List.of("USER"))
			.jsonPath("$.password")
			.doesNotExist()
			.jsonPath("$.passwordHash")
			.doesNotExist();
		try (Connection db = TestServices.get().jdbc();
				PreparedStatement query = db.prepareStatement("SELECT password_hash FROM users WHERE email = ?")) {
			query.setString(1, email.toLowerCase());
			try (ResultSet row = query.executeQuery()) {
				assertThat(row.next()).isTrue();
				assertThat(row.getString(1)).startsWith("$2a$").doesNotContain("correct horse");
			}
		}
	}

	@Test
	void emailIsUniqueRegardlessOfCase() {
		String email = Accounts.uniqueEmail("dup");
		new Accounts(this.client).register(email, "password-1", "First");
		this.client.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email.toUpperCase(), "password", "password-2", "name", "Second"))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:email-taken")
			.jsonPath("$.field")
			.isEqualTo("email");
	}

	@Test
	void invalidRegistrationNamesEveryBadField() {
		this.client.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", "not-an-address", "password", "short", "name", "x".repeat(101)))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:validation")
			.jsonPath("$.errors.length()")
			.isEqualTo(3)
			.jsonPath("$.errors[?(@.field == 'email')].message")
			.isEqualTo(List.of("must be a well-formed email address"))
			.jsonPath("$.errors[?(@.field == 'password')].message")
			.isEqualTo(List.of("must be between 8 and 128 characters"))
			.jsonPath("$.errors[?(@.field == 'name')]")
			.exists();
	}

	@Test
	void missingFieldsAreValidationErrors() {
		this.client.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors.length()")
			.isEqualTo(3);
	}

	@Test
	void malformedJsonIsAProblemDetail() {
		this.client.post()
			.uri("/api/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\": ")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:malformed-request");
	}

}
