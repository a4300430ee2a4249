package dev.boxoffice.catalog;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Events.
 *
 * @param onSaleFreshness how long an instance keeps an event on sale, as read for a hold
 * or a purchase, before reading it again. A change made on this instance (cancelled,
 * moved) is seen at once; one made on another instance within about this long. Zero reads
 * it every time.
 * @param onSaleEvents most events on sale kept at once per instance
 */
@Validated
@ConfigurationProperties("boxoffice.events")
public record CatalogProperties(
		@DefaultValue("1s") @DurationMin(millis = 0) @DurationMax(minutes = 1) Duration onSaleFreshness,
		@DefaultValue("10000") @Min(1) @Max(1_000_000) int onSaleEvents) {

}
