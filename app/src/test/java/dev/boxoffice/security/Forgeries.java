package dev.boxoffice.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.boxoffice.support.ForgedTokens;
import dev.boxoffice.support.Generated;
import dev.boxoffice.support.TestKeys;

/**
 * Access tokens for {@code victim} made without the signing key, each kind a method, each
 * call a new one: what an attacker who has read the JWKS and one of their own tokens
 * would try.
 */
final class Forgeries {

	private final UUID victim;

	private final String ourKeyId;

	Forgeries(UUID victim, String ourKeyId) {
		this.victim = victim;
		this.ourKeyId = ourKeyId;
	}

	List<Supplier<String>> all() {
		return List.of(this::unsigned, this::hmacWithOurPublicKey, this::strangersKey,
				this::strangersKeyCarriedInTheHeader, this::ourKeyAnotherAlgorithm, this::signatureCutOff,
				this::claimsChangedAfterSigning, this::expired, this::notYetValid, this::anotherIssuer, this::garbage);
	}

	/** Our claims for the victim, most often with ADMIN added. */
	private JWTClaimsSet.Builder claims() {
		List<String> roles = Generated.chance(0.7) ? List.of("USER", "ADMIN") : List.of("USER");
		return ForgedTokens.claims(this.victim, roles);
	}

	private String unsigned() {
		return new PlainJWT(claims().build()).serialize();
	}

	private String hmacWithOurPublicKey() {
		byte[] secret = Generated.chance(0.5) ? TestKeys.SIGNING.getPublic().getEncoded()
				: TestKeys.publicPem(TestKeys.SIGNING).getBytes(StandardCharsets.US_ASCII);
		return sign(new JWSHeader.Builder(Generated.oneOf(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512))
			.keyID(this.ourKeyId)
			.build(), claims().build(), (jwt) -> jwt.sign(new MACSigner(secret)));
	}

	private String strangersKey() {
		JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
		if (Generated.chance(0.7)) {
			header.keyID(this.ourKeyId);
		}
		return sign(header.build(), claims().build(),
				(jwt) -> jwt.sign(new RSASSASigner((RSAPrivateKey) TestKeys.STRANGER.getPrivate())));
	}

	private String strangersKeyCarriedInTheHeader() {
		JWK theirs = new RSAKey.Builder((RSAPublicKey) TestKeys.STRANGER.getPublic()).keyID(this.ourKeyId).build();
		JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.ourKeyId);
		if (Generated.chance(0.5)) {
			header.jwk(theirs);
		}
		else {
			header.jwkURL(URI.create("http://127.0.0.1:9/jwks.json"));
		}
		return sign(header.build(), claims().build(),
				(jwt) -> jwt.sign(new RSASSASigner((RSAPrivateKey) TestKeys.STRANGER.getPrivate())));
	}

	private String ourKeyAnotherAlgorithm() {
		JWSAlgorithm algorithm = Generated.oneOf(JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256,
				JWSAlgorithm.PS512);
		return sign(new JWSHeader.Builder(algorithm).keyID(this.ourKeyId).build(), claims().build(),
				(jwt) -> jwt.sign(new RSASSASigner((RSAPrivateKey) TestKeys.SIGNING.getPrivate())));
	}

	private String signatureCutOff() {
		String real = ForgedTokens.signed(TestKeys.SIGNING, claims().build());
		return real.substring(0, real.lastIndexOf('.') + 1) + Generated.oneOf("", "AAAA", "x");
	}

	private String claimsChangedAfterSigning() {
		String real = ForgedTokens.signed(TestKeys.SIGNING, ForgedTokens.claims(this.victim, List.of("USER")).build());
		String[] parts = real.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String changed = Generated.chance(0.5) ? payload.replace("[\"USER\"]", "[\"USER\",\"ADMIN\"]")
				: payload.replace(this.victim.toString(), UUID.randomUUID().toString());
		String encoded = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(changed.getBytes(StandardCharsets.UTF_8));
		return parts[0] + "." + encoded + "." + parts[2];
	}

	private String expired() {
		Instant past = Instant.now().minusSeconds(Generated.between(10, 86_400));
		return ForgedTokens.signed(TestKeys.SIGNING,
				claims().issueTime(Date.from(past.minusSeconds(900))).expirationTime(Date.from(past)).build());
	}

	private String notYetValid() {
		return ForgedTokens.signed(TestKeys.SIGNING,
				claims().notBeforeTime(Date.from(Instant.now().plusSeconds(Generated.between(60, 86_400)))).build());
	}

	private String anotherIssuer() {
		JWTClaimsSet.Builder claims = claims();
		claims.issuer(Generated.oneOf(null, "", "Boxoffice", "boxoffice ", "https://boxoffice", "evil"));
		return ForgedTokens.signed(Generated.chance(0.5) ? TestKeys.SIGNING : TestKeys.STRANGER, claims.build());
	}

	private String garbage() {
		String segment = Generated.text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
				Generated.between(1, 300));
		return switch (Generated.between(0, 3)) {
			case 0 -> segment;
			case 1 -> segment + "." + segment;
			case 2 -> segment + "." + segment + "." + segment + "." + segment;
			default -> "eyJhbGciOiJub25lIn0." + segment + ".";
		};
	}

	@FunctionalInterface
	private interface Signing {

		void sign(SignedJWT jwt) throws JOSEException;

	}

	private static String sign(JWSHeader header, JWTClaimsSet claims, Signing signing) {
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			signing.sign(jwt);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
