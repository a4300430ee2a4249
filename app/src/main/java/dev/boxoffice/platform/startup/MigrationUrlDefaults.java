package dev.boxoffice.platform.startup;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Derives {@code spring.flyway.url} from {@code spring.r2dbc.url} when only the latter is
 * set, so that migrations always run against the database the application uses and an
 * operator changes one property, not two.
 */
class MigrationUrlDefaults implements EnvironmentPostProcessor {

	private static final Pattern R2DBC_POSTGRES = Pattern
		.compile("r2dbc:(?:pool:)?postgres(?:ql)?://([^?]+)(?:\\?.*)?");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("spring.flyway.url")) {
			return;
		}
		String jdbcUrl = jdbcUrlFor(environment.getProperty("spring.r2dbc.url"));
		if (jdbcUrl != null) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("boxoffice-migration-url", Map.of("spring.flyway.url", jdbcUrl)));
		}
	}

	static @Nullable String jdbcUrlFor(@Nullable String r2dbcUrl) {
		if (r2dbcUrl == null) {
			return null;
		}
		Matcher matcher = R2DBC_POSTGRES.matcher(r2dbcUrl.trim());
		return matcher.matches() ? "jdbc:postgresql://" + matcher.group(1) : null;
	}

}
