package dev.boxoffice.platform.error;

import io.r2dbc.spi.R2dbcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;

/**
 * The one place where failures become responses. Runs before Spring Boot's default error
 * handler, so every error, from a handler or from routing, is a problem detail. Server
 * errors are logged with their stack trace and answered with a generic detail: no
 * exception message, class name or SQL reaches the client.
 */
@Component
@Order(-2)
public class ProblemDetailsExceptionHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsExceptionHandler.class);

	private final ProblemResponseWriter writer;

	public ProblemDetailsExceptionHandler(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		if (isClientGone(ex)) {
			// The client closed or reset its connection mid-request (a body never sent
			// whole, a client giving up): nobody is left to answer, and nothing failed
			// here. What the request started runs to its end or is undone as always.
			log.debug("{} {}: the client went away ({})", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), ex.toString());
			return Mono.empty();
		}
		HttpHeaders headers = new HttpHeaders();
		ProblemDetail problem = toProblem(exchange, ex, headers);
		return this.writer.write(exchange, problem, headers);
	}

	private ProblemDetail toProblem(ServerWebExchange exchange, Throwable ex, HttpHeaders headers) {
		if (ex instanceof ApiException api) {
			headers.addAll(api.headers());
			return api.toProblemDetail();
		}
		if (ex instanceof WebExchangeBindException bind) {
			return ValidationProblems.of(bind);
		}
		if (ex instanceof ServerWebInputException input && input.getCause() instanceof DecodingException decoding) {
			return MalformedBodyProblems.of(decoding);
		}
		ProblemDetail parameter = (ex instanceof ServerWebInputException input) ? ParameterProblems.of(input) : null;
		if (parameter != null) {
			return parameter;
		}
		if (ex instanceof ServerExchangeRejectedException) {
			return RefusedRequestProblems.firewall();
		}
		if (ex instanceof AuthenticationServiceException) {
			// The credentials could not be checked (e.g. Redis is down): not the caller's
			// fault.
			headers.set(HttpHeaders.RETRY_AFTER, "1");
			return SecurityProblems.cannotVerify();
		}
		if (ex instanceof AuthenticationException) {
			return SecurityProblems.unauthorized();
		}
		if (ex instanceof AccessDeniedException) {
			return SecurityProblems.forbidden();
		}
		if (isUnstorableText(ex)) {
			return InvalidTextProblem.of();
		}
		if (ex instanceof NoResourceFoundException) {
			return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"Nothing is served at " + exchange.getRequest().getPath().value() + ".");
		}
		if (ex instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
			headers.addAll(response.getHeaders());
			int status = response.getStatusCode().value();
			return (status == 413 || status == 415) ? RefusedRequestProblems.body(response.getBody())
					: response.getBody();
		}
		if (BackingServiceFailures.isUnavailable(ex)) {
			// A condition of the moment, not a bug; work it interrupted is left to
			// compensation or recovery, as after any failure.
			return unavailable(exchange, ex, headers);
		}
		return internalError(exchange, ex);
	}

	private ProblemDetail unavailable(ServerWebExchange exchange, Throwable ex, HttpHeaders headers) {
		log.warn("{} {} failed: a backing service did not answer ({})", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), ex.toString());
		headers.set(HttpHeaders.RETRY_AFTER, "1");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The service could not reach its storage in time; retry shortly. Quote the requestId when reporting it.");
		problem.setType(ProblemTypes.UNAVAILABLE);
		problem.setTitle("Service unavailable");
		return problem;
	}

	private static boolean isClientGone(Throwable ex) {
		return BackingServiceFailures.anyCause(ex,
				(cause) -> cause instanceof AbortedException || AbortedException.isConnectionReset(cause));
	}

	/**
	 * PostgreSQL refuses text with a NUL character (SQLSTATE 22021): the client sent it.
	 */
	private static boolean isUnstorableText(Throwable ex) {
		return BackingServiceFailures.anyCause(ex,
				(cause) -> cause instanceof R2dbcException database && "22021".equals(database.getSqlState()));
	}

	private ProblemDetail internalError(ServerWebExchange exchange, Throwable ex) {
		log.error("Unhandled failure of {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
		HttpStatus status = (ex instanceof ErrorResponse response
				&& response.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value())
						? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				"The server could not complete the request. Quote the requestId when reporting it.");
		problem.setType(ProblemTypes.INTERNAL);
		return problem;
	}

}
