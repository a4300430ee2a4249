package dev.boxoffice.booking;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Orders.
 *
 * @param maxTicketsPerBuyer most valid tickets one buyer may hold for one event
 * @param recoveryAfter an unfinished purchase or cancellation untouched this long is
 * taken over by recovery (longer than any live saga takes)
 * @param recoveryInterval how often recovery looks for such orders, and for confirmed
 * orders of cancelled events (to cancel and refund them)
 * @param idempotencyTtl how long an Idempotency-Key is remembered
 * @param idempotencyCleanupInterval how often keys past that are deleted
 * @param ticketKey base64 key (32 bytes or more) that signs ticket codes; unset = a key
 * generated at start-up (development only: codes then fail verification after a restart)
 */
@Validated
@ConfigurationProperties("boxoffice.booking")
public record BookingProperties(@DefaultValue("10") @Min(1) @Max(1000) int maxTicketsPerBuyer,
		@DefaultValue("30s") @DurationMin(millis = 100) @DurationMax(hours = 1) Duration recoveryAfter,
		@DefaultValue("10s") @DurationMin(millis = 100) @DurationMax(hours = 1) Duration recoveryInterval,
		@DefaultValue("24h") @DurationMin(minutes = 1) @DurationMax(days = 30) Duration idempotencyTtl,
		@DefaultValue("1h") @DurationMin(seconds = 1) @DurationMax(days = 1) Duration idempotencyCleanupInterval,
		@Nullable String ticketKey) {

}
