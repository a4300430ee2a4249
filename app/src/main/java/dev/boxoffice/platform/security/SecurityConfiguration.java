package dev.boxoffice.platform.security;

import dev.boxoffice.platform.error.ProblemResponseWriter;
import dev.boxoffice.platform.error.SecurityProblems;
import dev.boxoffice.platform.ratelimit.RequestBudgets;
import dev.boxoffice.platform.web.TrafficClass;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Stateless security: callers present a bearer access token (a JWT verified with the keys
 * the identity feature provides); no sessions, cookies or CSRF tokens. Features add their
 * own rules as {@link RouteAccess} beans; whatever no rule covers needs an authenticated
 * caller.
 */
@Configuration(proxyBeanMethods = false)
@EnableReactiveMethodSecurity
class SecurityConfiguration {

	/** Paths anyone may call without a token. */
	static final String[] PUBLIC_PATHS = { "/actuator/health", "/actuator/health/**", "/actuator/info",
			"/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
			"/webjars/**" };

	/**
	 * Pages are plain HTML, CSS and JS from this origin: nothing inline, nothing foreign.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
			+ "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	/**
	 * No observation of the filter chain, of each authentication or of each
	 * authorization: they wrapped every filter of every request in an observation of its
	 * own, and nothing reads them (docs/performance.md). Requests are still observed as a
	 * whole ({@code http.server.requests}).
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ProblemResponseWriter problems,
			ObjectProvider<RouteAccess> routeAccess, CorsProperties cors, RequestBudgets budgets) {
		if (!cors.allowedOrigins().isEmpty()) {
			http.addFilterAt(new CrossOriginRequests(cors, problems), SecurityWebFiltersOrder.CORS);
		}
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.cors(ServerHttpSecurity.CorsSpec::disable)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.authorizeExchange((exchanges) -> {
				exchanges.pathMatchers(PUBLIC_PATHS).permitAll();
				exchanges.pathMatchers("/actuator/**").hasRole(Role.ADMIN.name());
				routeAccess.orderedStream().forEach((rules) -> rules.configure(exchanges));
				exchanges.anyExchange().authenticated();
			})
			.oauth2ResourceServer(
					(resourceServer) -> resourceServer.bearerTokenConverter(bearerTokensOutsideTokenEndpoints())
						.jwt((jwt) -> jwt.jwtAuthenticationConverter(rolesFromClaim()))
						.authenticationEntryPoint(unauthorized(problems))
						.accessDeniedHandler(forbidden(problems)))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(unauthorized(problems))
				.accessDeniedHandler(forbidden(problems)))
			.addFilterAfter(budgets.filter(), SecurityWebFiltersOrder.AUTHENTICATION)
			.build();
	}

	/**
	 * The token endpoints ({@code /api/auth/**}, however the path is spelled) do not
	 * authenticate callers by bearer token: logging out with an expired or revoked access
	 * token must still end the session.
	 */
	private static ServerAuthenticationConverter bearerTokensOutsideTokenEndpoints() {
		ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
		return (exchange) -> (TrafficClass.of(exchange) == TrafficClass.TOKEN_ENDPOINTS) ? Mono.empty()
				: bearer.convert(exchange);
	}

	private static ReactiveJwtAuthenticationConverterAdapter rolesFromClaim() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName(CurrentUser.ROLES_CLAIM);
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return new ReactiveJwtAuthenticationConverterAdapter(converter);
	}

	private static ServerAuthenticationEntryPoint unauthorized(ProblemResponseWriter problems) {
		return (exchange, ex) -> {
			// (A token that cannot be checked, e.g. Redis is down, never gets here:
			// Spring
			// Security rethrows it, and the exception handler answers 503.)
			HttpHeaders headers = new HttpHeaders();
			if (ex instanceof OAuth2AuthenticationException) {
				headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
				return problems.write(exchange, SecurityProblems.invalidToken(), headers);
			}
			headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			return problems.write(exchange, SecurityProblems.unauthorized(), headers);
		};
	}

	private static ServerAccessDeniedHandler forbidden(ProblemResponseWriter problems) {
		return (exchange, ex) -> problems.write(exchange, SecurityProblems.forbidden(), new HttpHeaders());
	}

}
