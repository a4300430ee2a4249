package dev.boxoffice.platform.error;

import java.net.URI;
import java.util.List;

import dev.boxoffice.platform.observability.RequestIds;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes a {@link ProblemDetail} as {@code application/problem+json} with the
 * application's own codecs, adding the request path and id. Used by the exception handler
 * and by the security entry points, so every error looks the same.
 */
@Component
public class ProblemResponseWriter {

	private final ServerResponse.Context context;

	public ProblemResponseWriter(ServerCodecConfigurer codecs) {
		List<HttpMessageWriter<?>> writers = codecs.getWriters();
		this.context = new ServerResponse.Context() {
			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return writers;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}
		};
	}

	public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, HttpHeaders headers) {
		try {
			problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		}
		catch (IllegalArgumentException notAUri) {
			// A path only a refused request can have: the problem goes without it.
		}
		String requestId = RequestIds.of(exchange);
		if (requestId != null) {
			problem.setProperty("requestId", requestId);
		}
		return ServerResponse.status(problem.getStatus())
			.headers((h) -> h.addAll(headers))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem)
			.flatMap((response) -> response.writeTo(exchange, this.context));
	}

}
