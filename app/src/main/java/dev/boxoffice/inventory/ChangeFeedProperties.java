package dev.boxoffice.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The events' change feeds (Redis streams of seat changes); with the holds' settings,
 * since every hold writes them.
 *
 * @param feedLength about how many changes each event's change feed keeps
 */
@Validated
@ConfigurationProperties("boxoffice.holds")
public record ChangeFeedProperties(@DefaultValue("10000") @Min(100) @Max(1_000_000) int feedLength) {

}
