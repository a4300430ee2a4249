package dev.boxoffice.platform.admission;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxInFlight API requests one instance works on at once, whatever they are; one
 * more is answered 503 with {@code Retry-After} at once. Purchases and releases of holds
 * (work already started) are admitted up to it; requests waiting on the payment provider
 * and live streams are not counted.
 * @param adaptive whether new work (holds above all) is admitted under a limit learned
 * from the service's own latency, at most {@code maxInFlight}; false: up to
 * {@code maxInFlight} too
 * @param minLimit the least the adaptive limit falls to
 * @param bodyTimeout the longest a request's body may take to arrive after its headers;
 * past it the connection is closed (a request in progress holds a place in admission)
 */
@Validated
@ConfigurationProperties("boxoffice.admission")
public record AdmissionProperties(@DefaultValue("128") @Min(1) @Max(100_000) int maxInFlight,
		@DefaultValue("true") boolean adaptive, @DefaultValue("4") @Min(1) @Max(100_000) int minLimit,
		@DefaultValue("10s") @DurationMin(millis = 100) Duration bodyTimeout) {

}
