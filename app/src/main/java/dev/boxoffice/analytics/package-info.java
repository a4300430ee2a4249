/**
 * Sales analytics of an event for its organizer: an idempotent projection of the booking
 * records into facts (PostgreSQL), the holds as the seat scripts counted them (Redis), a
 * report over a time range and a live stream during a sale.
 */
@NullMarked
package dev.boxoffice.analytics;

import org.jspecify.annotations.NullMarked;
