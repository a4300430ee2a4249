/**
 * Seat holds in Redis: taken all-or-nothing by one script, owned per seat by keys that
 * expire, swept when they do. {@link dev.boxoffice.hold.Holds} is its public face.
 */
@NullMarked
package dev.boxoffice.hold;

import org.jspecify.annotations.NullMarked;
