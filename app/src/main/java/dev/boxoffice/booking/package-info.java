/**
 * Orders: the purchase saga with its compensations and recovery, tickets, idempotency,
 * cancellation, and the audit of an event's invariants.
 */
@NullMarked
package dev.boxoffice.booking;

import org.jspecify.annotations.NullMarked;
