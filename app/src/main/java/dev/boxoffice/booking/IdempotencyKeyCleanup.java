package dev.boxoffice.booking;

import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code boxoffice.booking.idempotency-cleanup-interval} (an hour), forgets
 * Idempotency-Keys older than {@code boxoffice.booking.idempotency-ttl}.
 */
@Component
class IdempotencyKeyCleanup {

	private final IdempotencyKeys keys;

	IdempotencyKeyCleanup(IdempotencyKeys keys) {
		this.keys = keys;
	}

	@Scheduled(initialDelayString = "${boxoffice.booking.idempotency-cleanup-interval:1h}",
			fixedDelayString = "${boxoffice.booking.idempotency-cleanup-interval:1h}")
	Mono<Void> forgetExpiredKeys() {
		return this.keys.deleteExpired().onErrorResume((ex) -> Mono.empty()).then();
	}

}
