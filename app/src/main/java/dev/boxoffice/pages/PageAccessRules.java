package dev.boxoffice.pages;

import dev.boxoffice.platform.security.PublicRoutes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pages and their scripts are public, named one by one; the API they call keeps its
 * own rules.
 */
@Configuration(proxyBeanMethods = false)
class PageAccessRules {

	/** The pages of this feature, and the scripts they load. */
	static final String[] PATHS = { "/signin", "/organizer", "/api.js", "/signin.js", "/organizer.js",
			"/organizer-forms.js", "/organizer-analytics.js", "/vendor/chart.umd.min.js" };

	@Bean
	PublicRoutes pagePublicRoutes() {
		return PublicRoutes.get(PATHS);
	}

}
