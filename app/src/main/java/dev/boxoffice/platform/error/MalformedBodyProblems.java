package dev.boxoffice.platform.error;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A body that cannot be read. The parser's own message names Java types, so only the
 * position of the problem is passed on.
 */
final class MalformedBodyProblems {

	private MalformedBodyProblems() {
	}

	static ProblemDetail of(DecodingException ex) {
		StringBuilder detail = new StringBuilder("The request body is not valid JSON for this operation");
		if (ex.getCause() instanceof JacksonException json) {
			TokenStreamLocation location = json.getLocation();
			if (location != null && location.getLineNr() > 0) {
				detail.append(" (line ").append(location.getLineNr()).append(", column ")
					.append(location.getColumnNr()).append(')');
			}
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail.append('.').toString());
		problem.setType(ProblemTypes.MALFORMED_REQUEST);
		problem.setTitle("Malformed request body");
		return problem;
	}

}
