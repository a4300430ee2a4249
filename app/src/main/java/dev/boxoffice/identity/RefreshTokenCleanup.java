package dev.boxoffice.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hourly, deletes login sessions that ended more than a day ago, so the table stays
 * small.
 */
@Component
class RefreshTokenCleanup {

	private static final Logger log = LoggerFactory.getLogger(RefreshTokenCleanup.class);

	private final RefreshTokens refreshTokens;

	RefreshTokenCleanup(RefreshTokens refreshTokens) {
		this.refreshTokens = refreshTokens;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
	Mono<Void> deleteEndedSessions() {
		// Spring subscribes to this Mono again on every run: "now" is read then, not
		// once.
		return Mono.defer(this.refreshTokens::deleteEnded)
			.doOnNext((deleted) -> log.debug("Deleted {} ended login sessions", deleted))
			.onErrorResume((ex) -> {
				log.warn("Could not delete ended login sessions; will try again", ex);
				return Mono.empty();
			})
			.then();
	}

}
