package dev.boxoffice.platform.admission;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxInFlight API requests one instance works on at once; one more is answered 503
 * with {@code Retry-After} at once. Live streams are not counted.
 */
@Validated
@ConfigurationProperties("boxoffice.admission")
public record AdmissionProperties(@DefaultValue("128") @Min(1) @Max(100_000) int maxInFlight) {

}
