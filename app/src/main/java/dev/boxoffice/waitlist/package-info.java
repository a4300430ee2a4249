/**
 * The waitlist of an event: buyers in line for seats that are not free, in the order they
 * will be served (priority entries first, then by time of joining), kept in PostgreSQL.
 */
@NullMarked
package dev.boxoffice.waitlist;

import org.jspecify.annotations.NullMarked;
