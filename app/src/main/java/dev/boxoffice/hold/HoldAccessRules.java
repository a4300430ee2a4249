package dev.boxoffice.hold;

import dev.boxoffice.platform.security.RouteAccess;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Holds are for any signed-in buyer (ownership is checked per hold). */
@Configuration(proxyBeanMethods = false)
class HoldAccessRules {

	@Bean
	RouteAccess holdRouteAccess() {
		return (exchanges) -> exchanges.pathMatchers(HttpMethod.POST, "/api/events/*/holds").authenticated();
	}

}
