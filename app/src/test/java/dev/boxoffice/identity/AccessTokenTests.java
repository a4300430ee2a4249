package dev.boxoffice.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.ForgedTokens;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Only unexpired RS256 tokens from our issuer, signed by one of our keys, get in. */
@IntegrationTest
class AccessTokenTests {

	@Autowired
	WebTestClient client;

	final UUID someone = UUID.randomUUID();

	@Test
	void aTokenLikeOursIsAccepted() {
		// The control: forged tokens below fail for the one thing each changes.
		expectMe(ForgedTokens.valid(this.someone, "USER"), 404);
	}

	@Test
	void aTamperedTokenIsRefused() throws Exception {
		Session session = new Accounts(this.client).newUser();
		String[] parts = session.accessToken().split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
		String promoted = payload.replace("\"USER\"", "\"ADMIN\"");
		assertThat(promoted).isNotEqualTo(payload);
		String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(promoted.getBytes())
				+ "." + parts[2];
		expectMe(tampered, 401);
		expectMe(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA", 401);
	}

	@Test
	void anExpiredTokenIsRefused() {
		Instant past = Instant.now().minus(Duration.ofMinutes(10));
		String expired = ForgedTokens.signed(TestKeys.SIGNING,
				ForgedTokens.claims(this.someone, List.of("USER"))
					.issueTime(Date.from(past.minus(Duration.ofMinutes(15))))
					.expirationTime(Date.from(past))
					.build());
		expectMe(expired, 401);
	}

	@Test
	void aTokenSignedByAnUnknownKeyIsRefused() {
		expectMe(ForgedTokens.signed(TestKeys.STRANGER, ForgedTokens.claims(this.someone, List.of("ADMIN")).build()),
				401);
	}

	@Test
	void aTokenSignedByThePreviousKeyIsStillAccepted() {
		expectMe(ForgedTokens.signed(TestKeys.PREVIOUS, ForgedTokens.claims(this.someone, List.of("USER")).build()),
				404);
	}

	@Test
	void anUnsignedTokenIsRefused() {
		String none = new PlainJWT(ForgedTokens.claims(this.someone, List.of("ADMIN")).build()).serialize();
		expectMe(none, 401);
	}

	@Test
	void anHmacTokenKeyedWithOurPublicKeyIsRefused() throws Exception {
		SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
				ForgedTokens.claims(this.someone, List.of("ADMIN")).build());
		hmac.sign(new MACSigner(TestKeys.SIGNING.getPublic().getEncoded()));
		expectMe(hmac.serialize(), 401);
	}

	@Test
	void aTokenFromAnotherIssuerIsRefused() {
		expectMe(ForgedTokens.signed(TestKeys.SIGNING,
				ForgedTokens.claims(this.someone, List.of("USER")).issuer("someone-else").build()), 401);
	}

	@Test
	void garbageIsRefusedWithAProblemDetail() {
		this.client.get()
			.uri("/api/me")
			.header("Authorization", "Bearer not.a.jwt")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:boxoffice:problem:unauthorized");
	}

	@Test
	void jwksPublishesTheKeysThatVerifyIssuedTokens() throws Exception {
		Session session = new Accounts(this.client).newUser();
		@SuppressWarnings("unchecked")
		Map<String, Object> body = this.client.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		JWKSet jwks = JWKSet.parse(body);
		assertThat(jwks.getKeys()).hasSize(2).allSatisfy((key) -> assertThat(key.isPrivate()).isFalse());
		SignedJWT token = SignedJWT.parse(session.accessToken());
		RSAKey key = (RSAKey) jwks.getKeyByKeyId(token.getHeader().getKeyID());
		assertThat(key).isNotNull();
		assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
		assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo(session.userId().toString());
	}

	private void expectMe(String token, int status) {
		this.client.get()
			.uri("/api/me")
			.header("Authorization", "Bearer " + token)
			.exchange()
			.expectStatus()
			.isEqualTo(status);
	}

}
