package dev.boxoffice.platform.audit;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Flux;

/**
 * Invariants of one event that a feature keeps, checked against what it stored. Every
 * bean of this type is part of {@code GET /api/admin/events/{id}/audit}: a feature that
 * adds state adds the checks of it here, without the audit knowing its tables.
 */
public interface EventInvariants {

	/** The event's invariants as of {@code now}. */
	Flux<Invariant> check(UUID eventId, Instant now);

	/**
	 * One invariant: {@code value} is what was counted (0 when it holds, for the counts
	 * of what must not exist), {@code ok} whether that is right.
	 */
	record Invariant(String name, boolean ok, long value, String rule) {

		/** An invariant that nothing of a kind exists: ok when {@code found} is 0. */
		public static Invariant none(String name, long found, String rule) {
			return new Invariant(name, found == 0, found, rule);
		}

	}

}
