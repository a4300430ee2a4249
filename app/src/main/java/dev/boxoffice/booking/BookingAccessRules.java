package dev.boxoffice.booking;

import dev.boxoffice.platform.security.Role;
import dev.boxoffice.platform.security.RouteAccess;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;

/**
 * The audit is for organizers (their own events) and admins, ahead of the ADMIN-only rest
 * of /api/admin.
 */
@Configuration(proxyBeanMethods = false)
class BookingAccessRules {

	@Bean
	RouteAccess bookingRouteAccess() {
		return new RouteAccess() {
			@Override
			public void configure(AuthorizeExchangeSpec exchanges) {
				exchanges.pathMatchers(HttpMethod.GET, "/api/admin/events/*/audit")
					.hasAnyRole(Role.ORGANIZER.name(), Role.ADMIN.name());
			}

			@Override
			public int getOrder() {
				return -10;
			}
		};
	}

}
