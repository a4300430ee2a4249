package dev.boxoffice.platform.security;

import dev.boxoffice.platform.error.ProblemResponseWriter;
import dev.boxoffice.platform.error.RefusedRequestProblems;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers the requests Spring Security's firewall refuses (doubled slashes, {@code ;}
 * path parameters, encoded dots and slashes, control characters in a header) with a
 * problem detail; its own answer is an empty 400. Found by the security configuration as
 * the one bean of its type.
 */
@Component
class FirewallRejections implements ServerExchangeRejectedHandler {

	private final ProblemResponseWriter problems;

	FirewallRejections(ProblemResponseWriter problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException ex) {
		return this.problems.write(exchange, RefusedRequestProblems.firewall(), new HttpHeaders());
	}

}
