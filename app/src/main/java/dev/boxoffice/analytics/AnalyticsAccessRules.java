package dev.boxoffice.analytics;

import dev.boxoffice.platform.security.Role;
import dev.boxoffice.platform.security.RouteAccess;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * An event's analytics are for organizers (of that event, checked per request) and
 * admins.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsAccessRules {

	@Bean
	RouteAccess analyticsRouteAccess() {
		return (exchanges) -> exchanges
			.pathMatchers(HttpMethod.GET, "/api/events/*/analytics", "/api/events/*/analytics/stream")
			.hasAnyRole(Role.ORGANIZER.name(), Role.ADMIN.name());
	}

}
