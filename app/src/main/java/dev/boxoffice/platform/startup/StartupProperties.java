package dev.boxoffice.platform.startup;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How start-up checks PostgreSQL and Redis.
 *
 * @param checkTimeout how long to wait for each service before giving up
 * @param createDatabase create the configured database when the server is reachable but
 * the database does not exist yet (convenient in development; turn off where the database
 * is provisioned separately)
 */
@Validated
@ConfigurationProperties("boxoffice.startup")
public record StartupProperties(
		@DefaultValue("5s") @DurationMin(millis = 100) @DurationMax(minutes = 5) Duration checkTimeout,
		@DefaultValue("true") boolean createDatabase) {
}
