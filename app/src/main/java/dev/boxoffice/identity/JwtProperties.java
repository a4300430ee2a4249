package dev.boxoffice.identity;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access and refresh tokens.
 *
 * @param issuer the {@code iss} of every access token, checked on the way back in
 * @param accessTokenTtl how long an access token is accepted
 * @param refreshTokenTtl how long a refresh token (a login session) can be used
 * @param privateKey PEM (PKCS#8) RSA private key that signs access tokens; when unset a
 * key is generated at start-up, which suits one development instance only
 * @param acceptedPublicKeys PEM (X.509) public keys accepted besides the signing key's:
 * the next key before it signs, the previous one until its tokens expire. All are
 * published in the JWKS.
 */
@Validated
@ConfigurationProperties("boxoffice.jwt")
public record JwtProperties(@DefaultValue("boxoffice") @NotBlank String issuer,
		@DefaultValue("15m") @DurationMin(seconds = 5) @DurationMax(hours = 24) Duration accessTokenTtl,
		@DefaultValue("30d") @DurationMin(minutes = 1) @DurationMax(days = 365) Duration refreshTokenTtl,
		@Nullable String privateKey, @DefaultValue List<String> acceptedPublicKeys) {

}
