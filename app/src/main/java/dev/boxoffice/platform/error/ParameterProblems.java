package dev.boxoffice.platform.error;

import java.lang.annotation.Annotation;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebInputException;

/**
 * A path variable, query parameter or header that is missing or cannot be read as what
 * the route takes (a blank id, a number too large, a date in another format): a
 * validation problem naming the parameter and saying what it must be. The value is left
 * out.
 */
final class ParameterProblems {

	private ParameterProblems() {
	}

	/** The problem, or null when {@code ex} is about no parameter of a route. */
	static @Nullable ProblemDetail of(ServerWebInputException ex) {
		MethodParameter parameter = ex.getMethodParameter();
		String name = (ex instanceof MissingRequestValueException missing) ? missing.getName()
				: (parameter != null) ? nameOf(parameter) : null;
		if (parameter == null || name == null) {
			return null;
		}
		String message = (ex instanceof MissingRequestValueException) ? "is required"
				: expected(parameter.getNestedParameterType());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request has 1 invalid parameter: " + name + ".");
		problem.setType(ProblemTypes.VALIDATION);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", name, "message", message)));
		return problem;
	}

	private static @Nullable String nameOf(MethodParameter parameter) {
		for (Class<? extends Annotation> kind : List.of(PathVariable.class, RequestParam.class, RequestHeader.class,
				CookieValue.class)) {
			Annotation annotation = parameter.getParameterAnnotation(kind);
			if (annotation != null) {
				for (String attribute : List.of("name", "value")) {
					if (AnnotationUtils.getValue(annotation, attribute) instanceof String declared
							&& !declared.isEmpty()) {
						return declared;
					}
				}
				return parameter.getParameterName();
			}
		}
		return null;
	}

	private static String expected(Class<?> type) {
		if (type == UUID.class) {
			return "must be a UUID such as 3f0c7d6e-2b1a-4c55-9a7e-0d4b1e2f6a90";
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "must be a whole number";
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return "must be an ISO-8601 instant such as 2027-03-01T00:00:00Z";
		}
		if (type.isEnum()) {
			return "must be one of "
					+ Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
		}
		if (type == boolean.class || type == Boolean.class) {
			return "must be true or false";
		}
		return "is not a valid value";
	}

}
