package dev.boxoffice.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A clock that tells the virtual time of the {@link VirtualTimeScheduler} in use, so that
 * what a class reads from its clock and what it schedules on Reactor's timers agree in a
 * test driven by {@code StepVerifier.withVirtualTime}. It looks the scheduler up at each
 * reading: each verification installs a new one.
 */
public final class VirtualClock extends Clock {

	@Override
	public long millis() {
		return VirtualTimeScheduler.get().now(TimeUnit.MILLISECONDS);
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(millis());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("virtual time is told in UTC");
	}

}
