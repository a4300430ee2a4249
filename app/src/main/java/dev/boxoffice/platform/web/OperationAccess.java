package dev.boxoffice.platform.web;

import java.util.List;
import java.util.Map;

import dev.boxoffice.platform.security.PublicRoutes;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

/**
 * What calling each operation takes, read from the rules that decide it: a bearer token
 * unless a {@link PublicRoutes} bean permits the call, and the problems any caller may
 * meet on the way, which depend on the path's {@link TrafficClass} (the token endpoints
 * read no bearer token; the unmetered paths draw from no budget).
 */
class OperationAccess implements OpenApiCustomizer {

	static final String BEARER = "bearer";

	private final List<PublicRoutes> publicRoutes;

	OperationAccess(List<PublicRoutes> publicRoutes) {
		this.publicRoutes = publicRoutes;
	}

	@Override
	public void customise(OpenAPI openApi) {
		openApi.getPaths().forEach((template, item) -> {
			PathContainer path = PathContainer.parsePath(template);
			for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
				HttpMethod method = HttpMethod.valueOf(entry.getKey().name());
				describe(entry.getValue(), isPublic(method, path), TrafficClass.of(path));
				ProblemResponses.sort(entry.getValue());
			}
		});
	}

	private boolean isPublic(HttpMethod method, PathContainer path) {
		return this.publicRoutes.stream().anyMatch((routes) -> routes.permits(method, path));
	}

	private static void describe(Operation operation, boolean isPublic, TrafficClass traffic) {
		if (!isPublic) {
			operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
			ProblemResponses.add(operation, 401, "unauthorized",
					"no access token, or one that is malformed, expired or revoked (`WWW-Authenticate: Bearer`)");
		}
		else if (traffic != TrafficClass.TOKEN_ENDPOINTS) {
			ProblemResponses.add(operation, 401, "unauthorized",
					"an access token was sent and is not valid (none is needed: send a good one or none)");
		}
		if (traffic == TrafficClass.UNMETERED) {
			ProblemResponses.add(operation, 500, "internal", "the server failed; `requestId` finds it in the logs");
			return;
		}
		ProblemResponses.add(operation, 429, "rate-limited", (traffic == TrafficClass.TOKEN_ENDPOINTS)
				? "this client address spent its budget for the token endpoints; `Retry-After` says when to retry"
				: "this caller spent its budget of requests; `Retry-After` says when to retry");
		ProblemResponses.add(operation, 500, "internal", "the server failed; `requestId` finds it in the logs");
		ProblemResponses.add(operation, 503, "busy",
				"the service sheds load, or cannot check a token right now; `Retry-After` says when to retry");
		ProblemResponses.add(operation, 503, "unavailable",
				"PostgreSQL or Redis timed out or could not be reached; `Retry-After: 1`");
	}

}
