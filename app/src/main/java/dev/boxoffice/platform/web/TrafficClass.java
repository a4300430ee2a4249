package dev.boxoffice.platform.web;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What kind of traffic a request is, for the request budgets, the in-flight bound and the
 * token endpoints' exemption from bearer tokens. It is decided on the path exactly as
 * routing and Spring Security match it — segment by segment, percent-decoded, path
 * parameters left out — so that {@code /ap%69/auth/login} is a token endpoint like
 * {@code /api/auth/login}. Whatever is not known to be otherwise is {@link #API}.
 */
public enum TrafficClass {

	/** {@code /api/auth/**}: budgeted per client address. */
	TOKEN_ENDPOINTS,

	/**
	 * The live streams: budgeted, but long-lived by design, so not counted as in flight.
	 */
	LIVE_STREAMS,

	/**
	 * The other actuator endpoints (ADMIN only): budgeted, but not counted as in flight,
	 * so that an overloaded instance still answers its operators.
	 */
	OPERATIONS,

	/**
	 * Health probes, Prometheus metrics, the API description, the public key set and the
	 * pages: never limited and never counted, so that an instance under load still
	 * answers its probes and scrapes.
	 */
	UNMETERED,

	/** Everything else, paths that are not routes included. */
	API;

	private static final List<PathPattern> TOKEN_ENDPOINT_PATHS = parse("/api/auth/**");

	private static final List<PathPattern> LIVE_STREAM_PATHS = parse("/api/events/*/seats/stream",
			"/api/me/events/stream", "/api/events/*/analytics/stream");

	private static final List<PathPattern> OPERATIONS_PATHS = parse("/actuator/**");

	/**
	 * Named one by one: a path that merely looks like a page still draws from a budget.
	 */
	private static final List<PathPattern> UNMETERED_PATHS = parse("/actuator/health", "/actuator/health/**",
			"/actuator/info", "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
			"/swagger-ui/**", "/webjars/**", "/.well-known/jwks.json", "/", "/index.html", "/events/*", "/app.css",
			"/index.js", "/event.js", "/event-places.js", "/signin", "/organizer", "/api.js", "/signin.js",
			"/organizer.js", "/organizer-forms.js", "/organizer-analytics.js", "/vendor/chart.umd.min.js");

	/** The exchange attribute that keeps a request's class once decided. */
	private static final String ATTRIBUTE = TrafficClass.class.getName();

	/**
	 * The class of an exchange's request, decided once per exchange: admission, the
	 * bearer-token converter and the request budgets each ask.
	 */
	public static TrafficClass of(ServerWebExchange exchange) {
		TrafficClass known = exchange.getAttribute(ATTRIBUTE);
		if (known == null) {
			known = of(exchange.getRequest().getPath().pathWithinApplication());
			exchange.getAttributes().put(ATTRIBUTE, known);
		}
		return known;
	}

	/**
	 * The class of a path within the application, as {@link #of(ServerWebExchange)}
	 * decides it.
	 */
	public static TrafficClass of(PathContainer path) {
		if (matches(TOKEN_ENDPOINT_PATHS, path)) {
			return TOKEN_ENDPOINTS;
		}
		if (matches(LIVE_STREAM_PATHS, path)) {
			return LIVE_STREAMS;
		}
		if (matches(UNMETERED_PATHS, path)) {
			return UNMETERED;
		}
		return matches(OPERATIONS_PATHS, path) ? OPERATIONS : API;
	}

	private static boolean matches(List<PathPattern> patterns, PathContainer path) {
		for (PathPattern pattern : patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	private static List<PathPattern> parse(String... patterns) {
		return Stream.of(patterns).map(PathPatternParser.defaultInstance::parse).toList();
	}

}
