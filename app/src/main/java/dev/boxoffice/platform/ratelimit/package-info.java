/**
 * Request budgets shared by all instances through Redis; 429 with Retry-After past them.
 */
@NullMarked
package dev.boxoffice.platform.ratelimit;

import org.jspecify.annotations.NullMarked;
