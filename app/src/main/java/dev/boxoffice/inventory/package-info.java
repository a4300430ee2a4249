/**
 * Seats of published events and their state: SOLD in PostgreSQL, HELD in Redis, AVAILABLE
 * otherwise. {@link dev.boxoffice.inventory.SeatInventory} is its public face.
 */
@NullMarked
package dev.boxoffice.inventory;

import org.jspecify.annotations.NullMarked;
