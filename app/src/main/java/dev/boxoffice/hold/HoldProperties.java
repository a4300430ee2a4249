package dev.boxoffice.hold;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Seat holds. ({@code boxoffice.holds.feed-length}, how many changes each event's feed
 * keeps, is the change feed's: see {@code ChangeFeedProperties}.)
 *
 * @param ttl how long a hold lasts
 * @param maxSeats most seats in one hold
 * @param sweepInterval how often expired holds are looked for (their seats are announced
 * AVAILABLE within about this long of expiring)
 * @param maxHeldPerBuyer most seats one account may hold at once in one event (by default
 * the number of tickets it may buy, {@code boxoffice.booking.max-tickets-per-buyer})
 * @param maxHeldPerAddress most seats one client address may hold at once in one event;
 * higher than a buyer's bound, since many buyers may share an address (0: no bound)
 */
@Validated
@ConfigurationProperties("boxoffice.holds")
public record HoldProperties(@DefaultValue("5m") @DurationMin(seconds = 1) @DurationMax(hours = 2) Duration ttl,
		@DefaultValue("10") @Min(1) @Max(100) int maxSeats,
		@DefaultValue("1s") @DurationMin(millis = 100) @DurationMax(minutes = 1) Duration sweepInterval,
		@DefaultValue("10") @Min(1) @Max(1000) int maxHeldPerBuyer,
		@DefaultValue("40") @Min(0) @Max(100_000) int maxHeldPerAddress) {

}
