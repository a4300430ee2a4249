/**
 * What a feature adds to an event's audit: its own invariants, reported beside the
 * booking pipeline's.
 */
@NullMarked
package dev.boxoffice.platform.audit;

import org.jspecify.annotations.NullMarked;
