package dev.boxoffice.platform.security;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the API description reads from PublicRoutes: a call is public for its method and
 * path only.
 */
@Tag("unit")
class PublicRoutesMatchingTests {

	private final PublicRoutes routes = PublicRoutes.anyMethod("/api/auth/**").andGet("/api/events/*");

	@Test
	void aGetRuleCoversGetsOfItsPathsWhateverTheVariablesAreCalled() {
		assertThat(this.routes.permits(HttpMethod.GET, path("/api/events/{id}"))).isTrue();
		assertThat(this.routes.permits(HttpMethod.GET, path("/api/events/7e2a"))).isTrue();
		assertThat(this.routes.permits(HttpMethod.PATCH, path("/api/events/{id}"))).isFalse();
		assertThat(this.routes.permits(HttpMethod.GET, path("/api/events/{id}/publish"))).isFalse();
	}

	@Test
	void anAnyMethodRuleCoversEveryMethodBelowItsPath() {
		assertThat(this.routes.permits(HttpMethod.POST, path("/api/auth/logout"))).isTrue();
		assertThat(this.routes.permits(HttpMethod.DELETE, path("/api/auth"))).isTrue();
		assertThat(this.routes.permits(HttpMethod.POST, path("/api/authority"))).isFalse();
	}

	private static PathContainer path(String path) {
		return PathContainer.parsePath(path);
	}

}
