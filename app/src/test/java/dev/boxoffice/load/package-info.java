/**
 * The load-test harness: Gatling simulations of a ticket rush, run against any base URL
 * through the Maven profile {@code load} (see docs/performance.md), and, small, in CI.
 * Each simulation sets up its own event and buyers through the public API and ends with
 * the event's audit; a broken invariant fails the run.
 */
package dev.boxoffice.load;
