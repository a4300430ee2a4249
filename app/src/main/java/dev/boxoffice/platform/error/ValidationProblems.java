package dev.boxoffice.platform.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.support.WebExchangeBindException;

/**
 * Field-level validation failures; rejected values are left out (they may be secrets).
 */
final class ValidationProblems {

	private ValidationProblems() {
	}

	static ProblemDetail of(WebExchangeBindException ex) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : ex.getFieldErrors()) {
			errors.add(Map.of("field", error.getField(), "message", messageOf(error)));
		}
		for (ObjectError error : ex.getGlobalErrors()) {
			errors.add(Map.of("field", error.getObjectName(), "message", messageOf(error)));
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request has " + errors.size() + " invalid field" + (errors.size() == 1 ? "" : "s") + ".");
		problem.setType(ProblemTypes.VALIDATION);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return problem;
	}

	private static String messageOf(ObjectError error) {
		String message = error.getDefaultMessage();
		return (message != null) ? message : "is invalid";
	}

}
