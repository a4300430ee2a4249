package dev.boxoffice.live;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The live seat stream.
 *
 * @param pollInterval how often an instance reads the feed of each event it has watchers
 * for
 * @param heartbeat how often an idle stream sends a comment (proxies close silent
 * connections)
 * @param retry how long a disconnected browser waits before reconnecting
 * @param subscriberBuffer readings of the feed (each one's changes, sent in one write)
 * kept for one watcher that reads slowly; past it, the watcher is told to reconnect and
 * disconnected
 * @param snapshotReuse how long one reading of an event's seats serves the snapshots of
 * watchers who connect meanwhile (each then catches up from the feed): a crowd opening
 * the seat map at once costs one reading, not one each
 * @param notificationPollInterval how often each user's notification stream reads the
 * user's notifications (one read per open stream: thousands of streams polled every 100
 * ms cost most of a core)
 */
@Validated
@ConfigurationProperties("boxoffice.live")
public record LiveProperties(
		@DefaultValue("100ms") @DurationMin(millis = 10) @DurationMax(seconds = 10) Duration pollInterval,
		@DefaultValue("15s") @DurationMin(millis = 100) @DurationMax(minutes = 5) Duration heartbeat,
		@DefaultValue("2s") @DurationMin(millis = 100) @DurationMax(minutes = 1) Duration retry,
		@DefaultValue("64") @Min(8) @Max(10_000) int subscriberBuffer,
		@DefaultValue("500ms") @DurationMax(seconds = 10) Duration snapshotReuse,
		@DefaultValue("500ms") @DurationMin(millis = 10) @DurationMax(seconds = 10) Duration notificationPollInterval) {

}
