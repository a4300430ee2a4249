package dev.boxoffice.identity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Password hashing (BCrypt).
 *
 * @param strength BCrypt cost: each step doubles the work (10 takes tens of milliseconds)
 */
@Validated
@ConfigurationProperties("boxoffice.passwords")
public record PasswordProperties(@DefaultValue("10") @Min(4) @Max(16) int strength) {

}
