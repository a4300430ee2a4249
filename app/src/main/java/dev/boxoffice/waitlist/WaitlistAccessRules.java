package dev.boxoffice.waitlist;

import dev.boxoffice.platform.security.Role;
import dev.boxoffice.platform.security.RouteAccess;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Any signed-in buyer joins, looks at and leaves the line (their own entry only); listing
 * it and changing tiers is for organizers (of that event, checked per request) and
 * admins.
 */
@Configuration(proxyBeanMethods = false)
class WaitlistAccessRules {

	@Bean
	RouteAccess waitlistRouteAccess() {
		return (exchanges) -> exchanges.pathMatchers(HttpMethod.GET, "/api/events/*/waitlist")
			.hasAnyRole(Role.ORGANIZER.name(), Role.ADMIN.name())
			.pathMatchers(HttpMethod.PATCH, "/api/events/*/waitlist/*")
			.hasAnyRole(Role.ORGANIZER.name(), Role.ADMIN.name());
	}

}
