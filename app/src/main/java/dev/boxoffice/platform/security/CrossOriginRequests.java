package dev.boxoffice.platform.security;

import java.time.Duration;
import java.util.List;

import dev.boxoffice.platform.error.ProblemResponseWriter;
import dev.boxoffice.platform.error.RefusedRequestProblems;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * CORS for the origins in {@code boxoffice.cors.allowed-origins}: Spring's processing,
 * but a request from another origin is refused with a 403 problem detail (Spring's own
 * filter answers an empty 403). Placed in the security chain where its CORS filter goes.
 */
final class CrossOriginRequests implements WebFilter {

	private final UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();

	private final CorsProcessor processor = new DefaultCorsProcessor();

	private final ProblemResponseWriter problems;

	CrossOriginRequests(CorsProperties cors, ProblemResponseWriter problems) {
		this.problems = problems;
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(cors.allowedOrigins());
		configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
		configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Idempotency-Key",
				"X-Request-Id", "Last-Event-ID"));
		configuration.setExposedHeaders(List.of("X-Request-Id", HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION));
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(Duration.ofHours(1));
		this.source.registerCorsConfiguration("/**", configuration);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		boolean allowed = this.processor.process(this.source.getCorsConfiguration(exchange), exchange);
		if (!allowed) {
			return this.problems.write(exchange, RefusedRequestProblems.foreignOrigin(), new HttpHeaders());
		}
		return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? Mono.empty() : chain.filter(exchange);
	}

}
