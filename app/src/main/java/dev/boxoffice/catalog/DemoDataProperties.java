package dev.boxoffice.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo data for a first run: an organizer, a venue of about 3,000 seats and three
 * events on sale, created once.
 *
 * @param enabled create it at start-up (turn off in production)
 */
@ConfigurationProperties("boxoffice.demo-data")
public record DemoDataProperties(@DefaultValue("true") boolean enabled) {

}
