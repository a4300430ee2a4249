package dev.boxoffice.platform.web;

import java.util.List;

import dev.boxoffice.platform.security.PublicRoutes;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs} (Swagger UI at
 * {@code /swagger-ui.html}), committed as {@code docs/openapi.json}, from which the tests
 * generate a client. Summaries, success statuses and an operation's own problems are
 * declared on each handler; the rest is applied here to every operation alike.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String DESCRIPTION = """
			Reactive ticketing: events, seat holds, purchases and live availability.

			JSON over HTTP; money in integer cents. Operations that need a token say so: log in \
			(`POST /api/auth/login`) and send the access token as `Authorization: Bearer <token>`. \
			Every error is an RFC 9457 problem detail (`application/problem+json`) whose `type` says \
			what went wrong. docs/api.md in the repository is the guide.""";

	@Bean
	OpenAPI boxofficeOpenApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		String version = (properties != null) ? properties.getVersion() : "dev";
		Components components = new Components()
			.addSecuritySchemes(OperationAccess.BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
				.scheme("bearer")
				.bearerFormat("JWT")
				.description("An access token from `POST /api/auth/login` or `/api/auth/refresh`, valid 15 minutes."));
		ProblemSchemas.all().forEach(components::addSchemas);
		// Relative: the service that serves the description, wherever it runs (Swagger UI
		// calls it there). Springdoc would write the address of each request, and the
		// committed description would depend on the port a test happened to run on.
		return new OpenAPI().info(new Info().title("Boxoffice API").version(version).description(DESCRIPTION))
			.servers(List.of(new Server().url("/").description("The service that serves this description")))
			.tags(ApiTags.described())
			.components(components);
	}

	@Bean
	OperationCustomizer declaredProblems() {
		return new DeclaredProblems();
	}

	@Bean
	OpenApiCustomizer operationAccess(ObjectProvider<PublicRoutes> publicRoutes) {
		return new OperationAccess(publicRoutes.orderedStream().toList());
	}

}
