/**
 * Live seat availability: each instance reads each watched event's change feed once and
 * fans it out to its Server-Sent Events subscribers.
 */
@NullMarked
package dev.boxoffice.live;

import org.jspecify.annotations.NullMarked;
