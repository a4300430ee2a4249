package dev.boxoffice.security;

import java.util.List;
import java.util.function.Supplier;

import com.nimbusds.jose.jwk.JWKSet;
import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.ForgedTokens;
import dev.boxoffice.support.Generated;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens made by someone who does not hold the signing key, for a real account and
 * usually claiming ADMIN: unsigned, HMAC keyed with our public key, signed by a key of
 * their own (named as ours, or carried in the header), signed with our key but another
 * algorithm, with the signature cut off, claims changed after signing, expired, not yet
 * valid, from another issuer, or plain garbage. Each is tried against the caller's own
 * account and an admin route; each must be a 401 with {@code error="invalid_token"}.
 */
@IntegrationTest
@Tag("security")
class TokenForgeryTests {

	@Autowired
	WebTestClient client;

	Session victim;

	String ourKeyId;

	@BeforeEach
	void anAccountAndOurKeyId() throws Exception {
		this.victim = new Accounts(this.client).newUser();
		String jwks = this.client.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		this.ourKeyId = JWKSet.parse(jwks).getKeys().get(0).getKeyID();
	}

	@Test
	void theRealTokenGetsInSoTheForgeriesAreRefusedForWhatTheyAre() {
		assertThat(me(this.victim.accessToken()).getStatus().value()).isEqualTo(200);
		String ours = ForgedTokens.signed(TestKeys.SIGNING,
				ForgedTokens.claims(this.victim.userId(), List.of("USER", "ADMIN")).build());
		assertThat(me(ours).getStatus().value()).isEqualTo(200);
	}

	@Test
	void noForgeryGetsIn() {
		List<Supplier<String>> forgeries = new Forgeries(this.victim.userId(), this.ourKeyId).all();
		for (int i = 0; i < 40; i++) {
			int kind = Generated.between(0, forgeries.size() - 1);
			String token = forgeries.get(kind).get();
			String what = "forgery " + kind + ": " + token;
			assertRefused(me(token), what);
			EntityExchangeResult<String> admin = this.client.put()
				.uri("/api/admin/users/{id}/roles", this.victim.userId())
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"roles\":[\"ADMIN\"]}")
				.exchange()
				.expectBody(String.class)
				.returnResult();
			assertRefused(admin, what + " on the admin API");
		}
		assertThat(new Accounts(this.client).rolesOf(this.victim)).containsExactly("USER");
	}

	private static void assertRefused(EntityExchangeResult<String> answer, String what) {
		assertThat(answer.getStatus().value()).as(what).isEqualTo(401);
		assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as(what)
			.isEqualTo("Bearer error=\"invalid_token\"");
		assertThat(answer.getResponseHeaders().getContentType()).as(what).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private EntityExchangeResult<String> me(String token) {
		return this.client.get()
			.uri("/api/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectBody(String.class)
			.returnResult();
	}

}
