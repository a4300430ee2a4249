package dev.boxoffice.booking;

import java.util.UUID;

import dev.boxoffice.hold.Hold;
import reactor.core.publisher.Mono;

/**
 * Told of every sale of a hold, inside the transaction that commits it: what a listener
 * writes commits with the sale or not at all, and a failure rolls the sale back (the
 * purchase then fails and is undone). Another feature implements it to follow sales
 * without booking knowing it.
 */
public interface SaleListener {

	/**
	 * Whether the sale of {@code hold} concerns this listener, decided from the hold
	 * alone: a sale no listener follows commits in its one statement, without a
	 * transaction around it.
	 */
	boolean follows(Hold hold);

	/** The seats of hold {@code holdId} of the event are sold (not committed yet). */
	Mono<Void> sold(UUID eventId, String holdId);

}
