package dev.boxoffice.platform.error;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The problems every feature can meet in a request: fields that break rules the code
 * checks (the same shape as bean-validation failures), a spent budget, a full queue.
 * Features make their own problems the same way, with a factory of their own.
 */
public final class RequestProblems {

	/**
	 * One offending field: its path in the request (e.g.
	 * {@code sections[2].rows[0].numbers}) and why.
	 */
	public record FieldProblem(String field, String message) {
	}

	private RequestProblems() {
	}

	/**
	 * Field-level failures found by code rather than annotations (a duplicate seat, an
	 * end before the start).
	 */
	public static ApiException invalid(List<FieldProblem> problems) {
		return new ApiException(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
				"The request has " + problems.size() + " invalid field" + (problems.size() == 1 ? "" : "s") + ".")
			.with("errors", problems.stream().map((p) -> Map.of("field", p.field(), "message", p.message())).toList());
	}

	public static ApiException invalid(String field, String message) {
		return invalid(List.of(new FieldProblem(field, message)));
	}

	/** A client exceeded a request budget; it may try again after {@code retryAfter}. */
	public static ApiException tooMany(Duration retryAfter, String detail) {
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests", detail)
			.withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.with("retryAfterSeconds", seconds);
	}

	/**
	 * The request's body did not arrive in full within {@code timeout} of its headers;
	 * the connection is closed after the answer.
	 */
	public static ApiException bodyTooSlow(Duration timeout) {
		return new ApiException(HttpStatus.REQUEST_TIMEOUT, "body-timeout", "Request body too slow",
				"The request body did not arrive within " + timeout.toMillis() + " ms of its headers.")
			.withHeader(HttpHeaders.CONNECTION, "close");
	}

	/** The service sheds load: a bounded queue is full. The client may retry shortly. */
	public static ApiException busy(String detail) {
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Service busy", detail)
			.withHeader(HttpHeaders.RETRY_AFTER, "1");
	}

}
