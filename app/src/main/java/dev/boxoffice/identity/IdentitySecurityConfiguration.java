package dev.boxoffice.identity;

import java.util.Map;

import dev.boxoffice.platform.security.PublicRoutes;
import dev.boxoffice.platform.security.Role;
import dev.boxoffice.platform.security.RouteAccess;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** How access tokens are checked, and which identity routes are public. */
@Configuration(proxyBeanMethods = false)
class IdentitySecurityConfiguration {

	/**
	 * RS256 only (so {@code alg: none} and HMAC tokens are refused), signed by one of our
	 * keys, from our issuer, not expired, and not revoked.
	 */
	@Bean
	ReactiveJwtDecoder accessTokenDecoder(SigningKeys keys, JwtProperties properties, TokenRevocations revocations) {
		NimbusReactiveJwtDecoder verifier = NimbusReactiveJwtDecoder
			.withJwkSource((jwt) -> Flux.fromIterable(keys.publicKeys().getKeys()))
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		// Our issuer is a name, not a URL. Read as a URL first (the default), it costs a
		// thrown and caught exception in every request.
		verifier.setClaimSetConverter(MappedJwtClaimSetConverter
			.withDefaults(Map.of(JwtClaimNames.ISS, (issuer) -> (issuer != null) ? issuer.toString() : null)));
		verifier.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtIssuerValidator(properties.issuer()),
				new JwtTimestampValidator(TokenRevocations.CLOCK_SKEW)));
		return (token) -> verifier.decode(token)
			.flatMap((jwt) -> revocations.isRevoked(jwt)
				.onErrorMap((ex) -> new AuthenticationServiceException("Cannot check token revocation", ex))
				.flatMap((revoked) -> revoked ? Mono.error(new BadJwtException("Token has been revoked"))
						: Mono.just(jwt)));
	}

	@Bean
	PublicRoutes identityPublicRoutes() {
		// The whole of /api/auth is public, so that a path there that is no route (a
		// trailing slash, a wrong method) is a 404 or 405, not a 401 asking for a token.
		return PublicRoutes.anyMethod("/api/auth/**").andGet("/.well-known/jwks.json");
	}

	@Bean
	RouteAccess identityRouteAccess() {
		return (exchanges) -> exchanges.pathMatchers("/api/admin/**").hasRole(Role.ADMIN.name());
	}

}
