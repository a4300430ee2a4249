package dev.boxoffice.platform.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

/**
 * The schema of every error body: an RFC 9457 problem detail, with the members that some
 * problem types add. Members not listed here may come with new types; clients ignore
 * them.
 */
final class ProblemSchemas {

	static final String PROBLEM = "Problem";

	static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

	static final String INVALID_FIELD = "InvalidField";

	private ProblemSchemas() {
	}

	static Map<String, Schema> all() {
		return Map.of(PROBLEM, problem(), INVALID_FIELD, invalidField());
	}

	private static Schema<?> problem() {
		Schema<?> problem = new ObjectSchema().description("An RFC 9457 problem detail. `type` says what went wrong "
				+ "(a stable name such as `urn:boxoffice:problem:seats-unavailable`, not a link; `about:blank` when the "
				+ "status says it all); members beside the standard ones come with some types.")
			.addProperty("type", text("What kind of problem this is: a name, not a link; absent for `about:blank`."))
			.addProperty("title", text("The same for every problem of this type."))
			.addProperty("status", new IntegerSchema().description("The HTTP status."))
			.addProperty("detail", text("What went wrong this time; safe to show."))
			.addProperty("instance", text("The request path; absent when the request could not be read."))
			.addProperty("requestId", text("The request's X-Request-Id: quote it when reporting a problem."))
			.addProperty("errors",
					new ArraySchema().items(new Schema<>().$ref("#/components/schemas/" + INVALID_FIELD))
						.description("`validation`: every invalid field or parameter."))
			.addProperty("field", text("`email-taken`: the field at fault."))
			.addProperty("unavailableSeats",
					new ArraySchema().items(new StringSchema()).description("`seats-unavailable`: the seats taken."))
			.addProperty("scope", text("`hold-limit`: whose bound was reached, `buyer` or `address`."))
			.addProperty("held", new IntegerSchema().description("`hold-limit`: seats held now."))
			.addProperty("limit", new IntegerSchema().description("`hold-limit`, `ticket-limit`: the bound."))
			.addProperty("eventStatus", text("`event-status`: the event's status (`DRAFT`, `ON_SALE`, `CANCELLED`)."))
			.addProperty("orderId", text("`purchase-failed`: the order that failed."))
			.addProperty("retryAfterSeconds",
					new IntegerSchema().description("`rate-limited`: when to try again, as in `Retry-After`."));
		problem.setRequired(List.of("title", "status"));
		return problem;
	}

	private static Schema<?> invalidField() {
		return new ObjectSchema().description("A field of the body, or a parameter, and what is wrong with it.")
			.addProperty("field",
					text("Its path in the body (`sections[1].rows[4].numbers`), or the parameter's name."))
			.addProperty("message", text("What is wrong, in words."));
	}

	private static StringSchema text(String description) {
		StringSchema text = new StringSchema();
		text.setDescription(description);
		return text;
	}

}
