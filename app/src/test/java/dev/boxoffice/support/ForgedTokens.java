package dev.boxoffice.support;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Access tokens made by a test, with any key and claims, to see which ones get in. */
public final class ForgedTokens {

	private ForgedTokens() {
	}

	/** Claims like the application's own, for {@code userId} with {@code roles}. */
	public static JWTClaimsSet.Builder claims(UUID userId, List<String> roles) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer("boxoffice")
			.subject(userId.toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", roles)
			.claim("fam", UUID.randomUUID().toString());
	}

	public static String signed(KeyPair key, JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims);
		try {
			jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	/** A valid token of the application for an account that need not exist. */
	public static String valid(UUID userId, String... roles) {
		return signed(TestKeys.SIGNING, claims(userId, List.of(roles)).build());
	}

}
