/** Errors as RFC 9457 problem details: one mapping for every failure. */
@NullMarked
package dev.boxoffice.platform.error;

import org.jspecify.annotations.NullMarked;
