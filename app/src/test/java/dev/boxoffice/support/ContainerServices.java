package dev.boxoffice.support;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL and Redis in containers, started once per test run and shared by all its
 * application contexts (Testcontainers removes them when the JVM exits). They are plain
 * singletons rather than {@code @ServiceConnection} beans on purpose: Spring Boot stops
 * container beans when their context closes, and tests that close a context would stop
 * the services under every other cached context.
 */
record ContainerServices(PostgreSQLContainer postgres, GenericContainer<?> redis) {

	static final String POSTGRES_IMAGE = "postgres:15-alpine";

	static final String REDIS_IMAGE = "redis:7.4-alpine";

	@SuppressWarnings("resource")
	static ContainerServices start(String database) {
		PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE).withDatabaseName(database);
		GenericContainer<?> redis = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379);
		postgres.start();
		redis.start();
		return new ContainerServices(postgres, redis);
	}

}
