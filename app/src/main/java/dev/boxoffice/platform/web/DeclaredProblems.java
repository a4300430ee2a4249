package dev.boxoffice.platform.web;

import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.web.method.HandlerMethod;

/**
 * An operation's own problems ({@link ProblemResponse} on its handler), and the 400s that
 * its parameters and body can bring.
 */
class DeclaredProblems implements OperationCustomizer {

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		for (ProblemResponse problem : handler.getMethod().getAnnotationsByType(ProblemResponse.class)) {
			ProblemResponses.add(operation, problem.status(), problem.type(), problem.when());
		}
		if (operation.getRequestBody() != null) {
			ProblemResponses.add(operation, 400, "malformed-request", "the body is not JSON of this operation's "
					+ "shape, or a value has the wrong JSON type (a fraction where a whole number goes, a number "
					+ "where text goes); `detail` names the line, column and field");
			ProblemResponses.add(operation, 400, "validation",
					"fields break the rules of the schema; `errors` names each one");
			ProblemResponses.add(operation, 413, "body-too-large", "the body is larger than 4 MB");
			ProblemResponses.add(operation, 415, "unsupported-media-type", "the body is not `application/json`");
		}
		else if (operation.getParameters() != null && !operation.getParameters().isEmpty()) {
			ProblemResponses.add(operation, 400, "validation",
					"a parameter cannot be read as what it must be; `errors` names it");
		}
		return operation;
	}

}
