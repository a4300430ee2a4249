package dev.boxoffice.platform.database;

import java.util.Map;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;

import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every R2DBC session starts with {@code statement_timeout} and {@code lock_timeout} set
 * ({@link DatabaseProperties}): a statement stuck on a lock or a runaway query ends with
 * an error (the request gets 503 {@code unavailable}) instead of keeping a pooled
 * connection for ever. Flyway's migrations use their own JDBC connection and are not
 * limited. This sets the driver's {@code options}: other session settings given there (as
 * {@code spring.r2dbc.properties.options}) are replaced.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean
	ConnectionFactoryOptionsBuilderCustomizer sessionLimits(DatabaseProperties properties) {
		Map<String, String> options = Map.of("statement_timeout", properties.statementTimeout().toMillis() + "ms",
				"lock_timeout", properties.lockTimeout().toMillis() + "ms");
		return (builder) -> builder.option(PostgresqlConnectionFactoryProvider.OPTIONS, options);
	}

}
