package dev.boxoffice.booking;

import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Hourly, forgets Idempotency-Keys older than {@code boxoffice.booking.idempotency-ttl}. */
@Component
class IdempotencyKeyCleanup {

	private final IdempotencyKeys keys;

	IdempotencyKeyCleanup(IdempotencyKeys keys) {
		this.keys = keys;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
	Mono<Void> forgetExpiredKeys() {
		return this.keys.deleteExpired().onErrorResume((ex) -> Mono.empty()).then();
	}

}
