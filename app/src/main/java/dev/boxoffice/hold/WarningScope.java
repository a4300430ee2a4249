package dev.boxoffice.hold;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Where {@link HoldExpirySweeper}'s warnings must look beyond what entered the warning
 * window since their last pass: the shortest TTL this instance has given a hold
 * ({@code boxoffice.holds.ttl}, or a waitlist offer's when shorter), since a new hold
 * starts that far from its expiry; and the events whose window must be looked at whole
 * once more, because a hold there got back an expiry a pass had already looked past (a
 * purchase's claim undone).
 */
@Component
class WarningScope {

	private final AtomicLong shortestMillis;

	private final Set<UUID> lookAgain = ConcurrentHashMap.newKeySet();

	WarningScope(HoldProperties holds) {
		this.shortestMillis = new AtomicLong(holds.ttl().toMillis());
	}

	/** A hold of {@code ttl} was given. */
	void granted(Duration ttl) {
		this.shortestMillis.accumulateAndGet(ttl.toMillis(), Math::min);
	}

	/** A hold of the event has its own expiry again (its claim was undone). */
	void givenBack(UUID eventId) {
		this.lookAgain.add(eventId);
	}

	long shortestMillis() {
		return this.shortestMillis.get();
	}

	/** Whether the event's window is to be looked at whole; asked once per pass. */
	boolean lookAgain(UUID eventId) {
		return this.lookAgain.remove(eventId);
	}

}
