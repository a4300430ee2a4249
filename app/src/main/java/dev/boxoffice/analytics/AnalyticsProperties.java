package dev.boxoffice.analytics;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sales analytics.
 *
 * @param projectionInterval how often each instance projects the orders changed since its
 * last pass into facts (figures lag the orders by about this long)
 * @param liveInterval how often the live analytics stream sends an event's figures
 */
@Validated
@ConfigurationProperties("boxoffice.analytics")
public record AnalyticsProperties(
		@DefaultValue("1s") @DurationMin(millis = 100) @DurationMax(minutes = 10) Duration projectionInterval,
		@DefaultValue("1s") @DurationMin(millis = 100) @DurationMax(minutes = 1) Duration liveInterval) {

}
