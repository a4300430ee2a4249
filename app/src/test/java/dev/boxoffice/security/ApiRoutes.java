package dev.boxoffice.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * The API's routes as the application maps them, so that the suite attacks a route added
 * tomorrow without anyone listing it.
 */
final class ApiRoutes {

	private ApiRoutes() {
	}

	/**
	 * A route: method, pattern, its path variables and their types, whether it takes a
	 * body.
	 */
	record Route(HttpMethod method, String pattern, Map<String, Class<?>> variables, boolean takesBody) {

		/**
		 * The pattern with every variable made up (a hold id of the right shape, UUIDs
		 * otherwise).
		 */
		String path() {
			return this.pattern.replace("{holdId}", "h" + "A".repeat(32))
				.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
		}

	}

	/** Every route of the application's own controllers under {@code /api/}. */
	static List<Route> of(RequestMappingHandlerMapping mappings) {
		List<Route> routes = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			if (!handler.getBeanType().getPackageName().startsWith("dev.boxoffice")) {
				return;
			}
			Map<String, Class<?>> variables = new LinkedHashMap<>();
			boolean takesBody = false;
			for (MethodParameter parameter : handler.getMethodParameters()) {
				PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
				if (variable != null) {
					variables.put(variable.name().isEmpty() ? parameter.getParameterName() : variable.name(),
							parameter.getParameterType());
				}
				takesBody |= parameter.hasParameterAnnotation(RequestBody.class);
			}
			for (var pattern : info.getPatternsCondition().getPatterns()) {
				if (pattern.getPatternString().startsWith("/api/")) {
					for (var method : info.getMethodsCondition().getMethods()) {
						routes.add(new Route(HttpMethod.valueOf(method.name()), pattern.getPatternString(), variables,
								takesBody));
					}
				}
			}
		});
		return routes;
	}

}
