package dev.boxoffice.catalog;

import dev.boxoffice.platform.security.PublicRoutes;
import dev.boxoffice.platform.security.Role;
import dev.boxoffice.platform.security.RouteAccess;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call the catalog: anyone reads, organizers (and admins) write. */
@Configuration(proxyBeanMethods = false)
class CatalogAccessRules {

	@Bean
	PublicRoutes catalogPublicRoutes() {
		return PublicRoutes.get("/api/events", "/api/events/*", "/api/events/*/seats", "/api/events/*/seats/stream",
				"/api/venues/*", "/", "/index.html", "/events/*", "/app.css", "/index.js", "/event.js",
				"/event-places.js", "/favicon.ico");
	}

	@Bean
	RouteAccess catalogRouteAccess() {
		return (exchanges) -> exchanges
			.pathMatchers(HttpMethod.POST, "/api/venues", "/api/events", "/api/events/*/publish",
					"/api/events/*/cancel")
			.hasAnyRole(Role.ORGANIZER.name(), Role.ADMIN.name())
			.pathMatchers(HttpMethod.PATCH, "/api/events/*")
			.hasAnyRole(Role.ORGANIZER.name(), Role.ADMIN.name())
			.pathMatchers(HttpMethod.GET, "/api/events/*/history")
			.hasAnyRole(Role.ORGANIZER.name(), Role.ADMIN.name());
	}

}
