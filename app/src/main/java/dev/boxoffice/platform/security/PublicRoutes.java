package dev.boxoffice.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Routes of a feature that anyone may call without a token. As a {@link RouteAccess} it
 * permits them in the security chain; the API description reads the same beans, so that
 * an operation is described as needing a token exactly when the chain asks for one.
 */
public final class PublicRoutes implements RouteAccess {

	/** Patterns for one method, or for every method when {@code method} is null. */
	private record Rule(@Nullable HttpMethod method, String[] patterns, List<PathPattern> parsed) {

		Rule(@Nullable HttpMethod method, String[] patterns) {
			this(method, patterns, Stream.of(patterns).map(PathPatternParser.defaultInstance::parse).toList());
		}

	}

	private final List<Rule> rules;

	private PublicRoutes(List<Rule> rules) {
		this.rules = rules;
	}

	public static PublicRoutes get(String... patterns) {
		return new PublicRoutes(List.of(new Rule(HttpMethod.GET, patterns)));
	}

	public static PublicRoutes anyMethod(String... patterns) {
		return new PublicRoutes(List.of(new Rule(null, patterns)));
	}

	public PublicRoutes andGet(String... patterns) {
		List<Rule> more = new ArrayList<>(this.rules);
		more.add(new Rule(HttpMethod.GET, patterns));
		return new PublicRoutes(List.copyOf(more));
	}

	@Override
	public void configure(AuthorizeExchangeSpec exchanges) {
		for (Rule rule : this.rules) {
			(rule.method() != null ? exchanges.pathMatchers(rule.method(), rule.patterns())
					: exchanges.pathMatchers(rule.patterns()))
				.permitAll();
		}
	}

	/**
	 * Whether a call is public, matched as Spring Security matches the patterns above.
	 */
	public boolean permits(HttpMethod method, PathContainer path) {
		for (Rule rule : this.rules) {
			if ((rule.method() == null || rule.method().equals(method))
					&& rule.parsed().stream().anyMatch((pattern) -> pattern.matches(path))) {
				return true;
			}
		}
		return false;
	}

}
