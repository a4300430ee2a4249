/**
 * Admission control: which API requests an instance takes on now. Work already started
 * (the purchase and release of a hold) first; new work under a limit learned from the
 * service's own latency; waiting on the payment provider not counted as load. An overload
 * is answered at once with 503 instead of queueing until everything times out.
 */
@NullMarked
package dev.boxoffice.platform.admission;

import org.jspecify.annotations.NullMarked;
