package dev.boxoffice.platform.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The business metrics (holds, purchases, tickets, revenue).
 *
 * @param eventTag whether each business metric also carries the event's id as tag
 * {@code event}: one series per event, so only for deployments with few events at once
 */
@ConfigurationProperties("boxoffice.metrics")
public record MetricsProperties(boolean eventTag) {

}
