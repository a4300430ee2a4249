package dev.boxoffice.platform.error;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A failure the client can act on. Each feature makes its own with a factory
 * ({@code BookingExceptions}, {@link RequestProblems}, …), each with its own problem
 * type; {@link ProblemDetailsExceptionHandler} turns each into an RFC 9457 response.
 * <p>
 * It carries no stack trace and takes no suppressed exceptions: it is an answer, not a
 * fault. The handler writes it as a problem and logs nothing, and its problem type says
 * where it comes from. A trace filled in through a reactive pipeline's deep stack, and
 * the assembly checkpoints Reactor adds as suppressed exceptions on its way out, would be
 * work that every refused hold and every 404 pays for nothing.
 */
public final class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String type;

	private final String title;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	private final HttpHeaders headers = new HttpHeaders();

	/**
	 * @param status HTTP status of the response
	 * @param type short problem type, e.g. {@code seats-unavailable}; becomes
	 * {@code urn:boxoffice:problem:seats-unavailable}
	 * @param title the same for every occurrence of this type
	 * @param detail what went wrong this time, safe to show to the client
	 */
	public ApiException(HttpStatus status, String type, String title, String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.type = type;
		this.title = title;
	}

	/** Adds an extension member to the problem detail (e.g. {@code unavailableSeats}). */
	public ApiException with(String name, Object value) {
		this.properties.put(name, value);
		return this;
	}

	/** Adds a response header (e.g. {@code Retry-After}). */
	public ApiException withHeader(String name, String value) {
		this.headers.set(name, value);
		return this;
	}

	public HttpStatus status() {
		return this.status;
	}

	HttpHeaders headers() {
		return this.headers;
	}

	/** The problem detail this failure is answered with (without request path and id). */
	public ProblemDetail problem() {
		return toProblemDetail();
	}

	ProblemDetail toProblemDetail() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(this.status, getMessage());
		problem.setType(ProblemTypes.uri(this.type));
		problem.setTitle(this.title);
		this.properties.forEach(problem::setProperty);
		return problem;
	}

}
