package dev.boxoffice.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.boxoffice.platform.RandomUuids;
import dev.boxoffice.platform.security.Role;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Signs short-lived access tokens (RS256 JWTs) for an account. */
@Component
class AccessTokens {

	/** Claim listing the account's roles. */
	static final String ROLES = "roles";

	/** Claim naming the login session (refresh-token family) the token belongs to. */
	static final String FAMILY = "fam";

	/** Claim with the issue time in milliseconds ({@code iat} has whole seconds only). */
	static final String ISSUED_MILLIS = "iat_ms";

	private final SigningKeys keys;

	private final RSASSASigner signer;

	private final JwtProperties properties;

	private final Clock clock;

	private final CryptoWork work;

	AccessTokens(SigningKeys keys, JwtProperties properties, Clock clock, CryptoWork work) {
		this.keys = keys;
		this.work = work;
		this.properties = properties;
		this.clock = clock;
		try {
			this.signer = new RSASSASigner(keys.current());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("The signing key cannot sign", ex);
		}
	}

	/** A signed token, made on the {@link CryptoWork} scheduler. */
	Mono<String> issue(UserAccount user, UUID family) {
		return this.work.run(() -> sign(user, family));
	}

	private String sign(UserAccount user, UUID family) {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.properties.issuer())
			.subject(user.id().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.properties.accessTokenTtl())))
			.jwtID(RandomUuids.next().toString())
			.claim(ROLES, rolesOf(user))
			.claim(FAMILY, family.toString())
			.claim(ISSUED_MILLIS, now.toEpochMilli())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.keys.current().getKeyID())
			.type(JOSEObjectType.JWT)
			.build(), claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign an access token", ex);
		}
		return jwt.serialize();
	}

	long ttlSeconds() {
		return this.properties.accessTokenTtl().toSeconds();
	}

	static List<String> rolesOf(UserAccount user) {
		return user.roles().stream().map(Role::name).sorted().toList();
	}

}
