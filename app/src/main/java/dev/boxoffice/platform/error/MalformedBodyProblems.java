package dev.boxoffice.platform.error;

import java.math.BigInteger;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A body that cannot be read. The parser's own message names Java types, so only the
 * position of the problem is passed on, the field it was in, and, where a whole number or
 * text was expected, that.
 */
final class MalformedBodyProblems {

	private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(int.class, Integer.class, long.class, Long.class,
			short.class, Short.class, BigInteger.class);

	/** Longest field path quoted back (map keys in it are the client's own text). */
	private static final int MAX_PATH = 120;

	private MalformedBodyProblems() {
	}

	static ProblemDetail of(DecodingException ex) {
		StringBuilder detail = new StringBuilder("The request body is not valid JSON for this operation");
		if (ex.getCause() instanceof JacksonException json) {
			StringBuilder where = new StringBuilder();
			TokenStreamLocation location = json.getLocation();
			if (location != null && location.getLineNr() > 0) {
				where.append("line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
			}
			String field = fieldOf(json);
			if (!field.isEmpty()) {
				where.append(where.isEmpty() ? "" : ", ").append("at ").append(field);
			}
			String expected = expectedOf(json);
			if (expected != null) {
				where.append(where.isEmpty() ? "" : ": ").append(expected).append(" is expected");
			}
			if (!where.isEmpty()) {
				detail.append(" (").append(where).append(')');
			}
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail.append('.').toString());
		problem.setType(ProblemTypes.MALFORMED_REQUEST);
		problem.setTitle("Malformed request body");
		return problem;
	}

	private static @Nullable String expectedOf(JacksonException json) {
		if (!(json instanceof MismatchedInputException mismatch) || mismatch.getTargetType() == null) {
			return null;
		}
		if (WHOLE_NUMBERS.contains(mismatch.getTargetType())) {
			return "a whole number";
		}
		return (mismatch.getTargetType() == String.class) ? "text" : null;
	}

	/** The field's path in the body, as {@code sections[0].priceCents}. */
	private static String fieldOf(JacksonException json) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : json.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return (path.length() > MAX_PATH) ? path.substring(0, MAX_PATH) + "…" : path.toString();
	}

}
