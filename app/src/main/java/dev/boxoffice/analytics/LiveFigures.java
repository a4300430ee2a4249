package dev.boxoffice.analytics;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An event's figures now, as the live analytics stream sends them: tickets sold, money,
 * tickets sold per second over the last ten seconds, holds and their conversion, and the
 * seats left (neither sold nor held), held and in all.
 */
@Schema(name = "LiveEventAnalytics")
record LiveFigures(Instant at, long ticketsSold, long grossCents, long refundedCents, long netCents,
		double salesPerSecond, long holdsTaken, long holdsBought, @Nullable Double conversion, long remaining,
		long held, long capacity) {

}
