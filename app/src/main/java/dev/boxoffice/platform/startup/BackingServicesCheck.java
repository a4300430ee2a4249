package dev.boxoffice.platform.startup;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Fails start-up, before migrations run, when PostgreSQL or Redis cannot be reached,
 * naming the service, its address and how to bring it up.
 */
@Configuration(proxyBeanMethods = false)
public class BackingServicesCheck implements InitializingBean {

	static final String BEAN_NAME = "backingServicesCheck";

	private final PostgresCheck postgres;

	private final RedisCheck redis;

	private final StartupProperties properties;

	BackingServicesCheck(StartupProperties properties, FlywayConnectionDetails flyway,
			ReactiveRedisConnectionFactory redisConnectionFactory, DataRedisConnectionDetails redisDetails) {
		this.properties = properties;
		this.postgres = new PostgresCheck(flyway, properties.checkTimeout());
		this.redis = new RedisCheck(redisConnectionFactory, redisDetails, properties.checkTimeout());
	}

	@Override
	public void afterPropertiesSet() {
		this.postgres.verify(this.properties.createDatabase());
		this.redis.verify();
	}

	@Bean
	static MigrationsAfterBackingServicesCheck migrationsAfterBackingServicesCheck() {
		return new MigrationsAfterBackingServicesCheck();
	}

	/** Makes Flyway wait for the check, so a missing server is reported as such. */
	static class MigrationsAfterBackingServicesCheck extends AbstractDependsOnBeanFactoryPostProcessor {

		MigrationsAfterBackingServicesCheck() {
			super(FlywayMigrationInitializer.class, BEAN_NAME);
		}

	}

}
