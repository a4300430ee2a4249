/**
 * Admission control: a bound on the API requests in progress, so that an overload is
 * answered at once with 503 instead of queueing until everything times out.
 */
@NullMarked
package dev.boxoffice.platform.admission;

import org.jspecify.annotations.NullMarked;
