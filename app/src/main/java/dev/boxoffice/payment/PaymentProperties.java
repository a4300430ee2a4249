package dev.boxoffice.payment;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The simulated provider, and how long any provider call may take.
 *
 * @param latency how long the simulated provider takes to answer each call
 * @param failureRate share (0 to 1) of simulated calls that fail as if the provider were
 * unreachable
 * @param timeout how long a call may take before it counts as failed (its outcome
 * unknown)
 * @param poolSize connections the simulated provider keeps to its ledger, apart from the
 * service's own
 */
@Validated
@ConfigurationProperties("boxoffice.payment")
public record PaymentProperties(@DefaultValue("0ms") @DurationMax(seconds = 60) Duration latency,
		@DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double failureRate,
		@DefaultValue("3s") @DurationMin(millis = 10) @DurationMax(minutes = 1) Duration timeout,
		@DefaultValue("5") @Min(1) @Max(100) int poolSize) {

}
