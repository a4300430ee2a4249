package dev.boxoffice.catalog;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo data for a first run: an organizer, a venue of about 3,000 seats and three events
 * on sale, created once.
 *
 * @param enabled create it at start-up (turn off in production)
 * @param loginPassword the password of the demo organizer and of a demo buyer, printed at
 * start-up so that a newcomer can sign in at once; unset (the default), the organizer's
 * password is random and kept nowhere, and there is no demo buyer. The development run
 * sets it (profile {@code dev}); never set it where the service is public.
 */
@ConfigurationProperties("boxoffice.demo-data")
public record DemoDataProperties(@DefaultValue("true") boolean enabled, @Nullable String loginPassword) {

}
