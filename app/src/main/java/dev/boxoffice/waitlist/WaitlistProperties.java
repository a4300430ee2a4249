package dev.boxoffice.waitlist;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Waitlists and their offers.
 *
 * @param offerTtl how long an offer's seats are held for its buyer to buy them
 * @param maxRequeues how many times an entry whose offer ended unbought (expired, or its
 * purchase failed) goes back to its place in line instead of ending EXPIRED
 * @param holdBack how long seats freed for an entry at the front that they cannot serve
 * in full (too few yet) are held back for it, before a later entry they can serve may
 * have them
 * @param dispatchInterval how often each instance looks for seats kept for a line and
 * turns them into offers (each event with a line is also looked at once a second)
 * @param positionNotices how many of the first waiting entries are told their new place
 * when offers move the line
 */
@Validated
@ConfigurationProperties("boxoffice.waitlist")
public record WaitlistProperties(
		@DefaultValue("2m") @DurationMin(seconds = 1) @DurationMax(hours = 48) Duration offerTtl,
		@DefaultValue("1") @Min(0) @Max(10) int maxRequeues,
		@DefaultValue("30s") @DurationMin(millis = 0) @DurationMax(hours = 1) Duration holdBack,
		@DefaultValue("250ms") @DurationMin(millis = 20) @DurationMax(seconds = 10) Duration dispatchInterval,
		@DefaultValue("200") @Min(0) @Max(10000) int positionNotices) {

}
