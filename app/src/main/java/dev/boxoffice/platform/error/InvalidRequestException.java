package dev.boxoffice.platform.error;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * Field-level validation failures found by code rather than annotations (a duplicate
 * seat, an end before the start). Same shape as bean-validation failures.
 */
public class InvalidRequestException extends ApiException {

	/** One offending field: its path in the request (e.g. {@code sections[2].rows[0].numbers}) and why. */
	public record FieldProblem(String field, String message) {
	}

	public InvalidRequestException(List<FieldProblem> problems) {
		super(HttpStatus.BAD_REQUEST, "validation", "Invalid request", "The request has " + problems.size()
				+ " invalid field" + (problems.size() == 1 ? "" : "s") + ".");
		with("errors", problems.stream().map((p) -> Map.of("field", p.field(), "message", p.message())).toList());
	}

	public InvalidRequestException(String field, String message) {
		this(List.of(new FieldProblem(field, message)));
	}

}
