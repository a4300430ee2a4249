package dev.boxoffice.platform.error;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Requests refused before any route is chosen: by the firewall, by the HTTP layer, or for
 * their origin. They are answered as problem details like everything else.
 */
public final class RefusedRequestProblems {

	private RefusedRequestProblems() {
	}

	/** Spring Security's firewall refused the path, the method or a header. */
	public static ProblemDetail firewall() {
		return rejected(HttpStatus.BAD_REQUEST,
				"The request has a form this service refuses: a doubled slash, a path "
						+ "parameter (;), an encoded dot, slash, percent sign or backslash, a control character, or an "
						+ "unknown method.");
	}

	/** The HTTP layer could not read the request at all. */
	static ProblemDetail unreadable(HttpStatus status) {
		return switch (status) {
			case URI_TOO_LONG -> rejected(status,
					"The request line is longer than this service reads (4 kB): shorten the path or the query.");
			case REQUEST_HEADER_FIELDS_TOO_LARGE ->
				rejected(status, "The request's headers are larger than this service reads (8 kB).");
			default -> rejected(HttpStatus.BAD_REQUEST, "The request cannot be read: its request line or a header "
					+ "is malformed (a control character, or a character no header name may have).");
		};
	}

	/**
	 * The body could not be taken as it came: too large (413), or not JSON (415). The
	 * framework's own answer is kept (its detail, and the media types it reads), under a
	 * type of ours.
	 */
	static ProblemDetail body(ProblemDetail framework) {
		if (framework.getStatus() == 413) {
			framework.setType(ProblemTypes.BODY_TOO_LARGE);
			framework.setTitle("Request body too large");
			framework.setDetail("The request body is larger than this service reads (4 MB).");
		}
		else {
			framework.setType(ProblemTypes.UNSUPPORTED_MEDIA_TYPE);
			framework.setTitle("Unsupported media type");
			framework.setDetail("The request body must be application/json.");
		}
		return framework;
	}

	/** A cross-origin request from an origin that is not allowed. */
	public static ProblemDetail foreignOrigin() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"Requests from this origin, or with this method or these headers across origins, are not allowed.");
		problem.setType(ProblemTypes.FORBIDDEN);
		problem.setTitle("Forbidden");
		return problem;
	}

	private static ProblemDetail rejected(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(ProblemTypes.REJECTED_REQUEST);
		problem.setTitle("Request refused");
		return problem;
	}

}
