package dev.boxoffice.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An event's sales figures over {@code [from, to)}, in buckets of {@code granularity};
 * {@code sections} says each section's capacity, seats sold now and fill, and what it
 * sold and refunded in the range.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "EventAnalytics")
record AnalyticsReport(UUID eventId, String currency, Instant from, Instant to, String granularity,
		@Nullable Instant onSaleAt, @Nullable Instant soldOutAt, @Nullable Long secondsToSellOut, long capacity,
		Sales sales, Holds holds, Map<String, Long> failures, List<Section> sections, List<Bucket> series,
		Waitlist waitlist) {

	/**
	 * Tickets sold (in confirmed orders, cancelled later or not), money taken (gross),
	 * given back (refunded) and kept (net), orders confirmed and cancelled.
	 */
	@Schema(name = "EventAnalyticsSales")
	record Sales(long tickets, long orders, long grossCents, long refundedCents, long netCents, long ticketsRefunded,
			long ordersCancelled, long ordersFailed) {
	}

	/**
	 * Holds granted and their seats, holds bought, released by their buyers, seats freed
	 * by expiry; {@code conversion} = bought / taken (null without holds).
	 */
	@Schema(name = "EventAnalyticsHolds")
	record Holds(long taken, long seats, long bought, long released, long expiredSeats, @Nullable Double conversion) {
	}

	@Schema(name = "EventAnalyticsSection")
	record Section(String section, long capacity, long sold, double fill, long tickets, long grossCents,
			long refundedCents) {
	}

	/** One bucket of time (its start), with what happened in it. */
	@Schema(name = "EventAnalyticsBucket")
	record Bucket(Instant at, long tickets, long grossCents, long refundedCents, long ordersFailed, long holds,
			long bought, long released, long expiredSeats) {
	}

	/** Entries that joined in the range, offers made in it, and how they ended. */
	@Schema(name = "EventAnalyticsWaitlist")
	record Waitlist(long joined, long waitingNow, long offered, long purchased, long declined, long expired) {
	}

}
