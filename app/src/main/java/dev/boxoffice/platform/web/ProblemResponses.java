package dev.boxoffice.platform.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.boxoffice.platform.error.ProblemTypes;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.springframework.http.HttpStatus;

/**
 * Error responses of an operation in the description: one per status, always
 * {@code application/problem+json} with the {@code Problem} schema, its description
 * listing each problem type with when it comes, and the types themselves, for tools, as
 * {@code x-problem-types}.
 */
final class ProblemResponses {

	static final String PROBLEM_JSON = "application/problem+json";

	static final String TYPES = "x-problem-types";

	static final String ABOUT_BLANK = "about:blank";

	private ProblemResponses() {
	}

	/**
	 * Adds a problem type to the operation's response of that status, unless it is there
	 * already.
	 */
	static void add(Operation operation, int status, String type, String when) {
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		String code = String.valueOf(status);
		ApiResponse response = operation.getResponses().get(code);
		if (response == null) {
			response = new ApiResponse().description(HttpStatus.valueOf(status).getReasonPhrase() + ":");
			operation.getResponses().addApiResponse(code, response);
		}
		response.setContent(new Content().addMediaType(PROBLEM_JSON,
				new MediaType().schema(new Schema<>().$ref(ProblemSchemas.PROBLEM_REF))));
		List<String> types = typesOf(response);
		String uri = ABOUT_BLANK.equals(type) ? type : ProblemTypes.uri(type).toString();
		if (!types.contains(uri)) {
			response.setDescription(
					response.getDescription() + (types.isEmpty() ? "\n\n" : "\n") + "- `" + uri + "`: " + when);
			types.add(uri);
		}
	}

	@SuppressWarnings("unchecked")
	static List<String> typesOf(ApiResponse response) {
		Object types = (response.getExtensions() != null) ? response.getExtensions().get(TYPES) : null;
		if (types instanceof List<?> list) {
			return (List<String>) list;
		}
		List<String> fresh = new ArrayList<>();
		response.addExtension(TYPES, fresh);
		return fresh;
	}

	/**
	 * Successes first, then errors, each by status: the order a reader looks for them.
	 */
	static void sort(Operation operation) {
		ApiResponses sorted = new ApiResponses();
		operation.getResponses()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
			.forEach((entry) -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
		operation.setResponses(sorted);
	}

}
