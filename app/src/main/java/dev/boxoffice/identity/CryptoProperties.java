package dev.boxoffice.identity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The scheduler that hashes passwords and signs tokens, off the event loops.
 *
 * @param threads threads doing that work; beyond the cores they only add queueing
 * @param queue tasks that may wait; more are refused with 503
 */
@Validated
@ConfigurationProperties("boxoffice.crypto")
public record CryptoProperties(@DefaultValue("2") @Min(1) @Max(64) int threads,
		@DefaultValue("256") @Min(1) @Max(100_000) int queue) {

}
