package dev.boxoffice.platform.database;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits PostgreSQL enforces on every statement the service sends.
 *
 * @param statementTimeout longest a statement may run before PostgreSQL cancels it
 * @param lockTimeout longest a statement may wait for a lock (a row, or a buyer's
 * ticket-limit lock) before PostgreSQL gives up
 */
@Validated
@ConfigurationProperties("boxoffice.database")
public record DatabaseProperties(
		@DefaultValue("30s") @DurationMin(millis = 100) @DurationMax(minutes = 10) Duration statementTimeout,
		@DefaultValue("10s") @DurationMin(millis = 100) @DurationMax(minutes = 10) Duration lockTimeout) {
}
