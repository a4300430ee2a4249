package dev.boxoffice.hold;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A hold granted after the buyer who asked for it went away — the client gave up waiting,
 * or its connection closed, while the hold was being taken — is released at once: nobody
 * will buy it, and its seats would otherwise stay held until its TTL. Taking the hold is
 * not cut short when the caller goes (a script half-run in Redis is not a thing, but its
 * answer would be lost): it runs to its end, and what it granted is given back.
 */
final class AbandonedHolds {

	private static final Logger log = LoggerFactory.getLogger(AbandonedHolds.class);

	private AbandonedHolds() {
	}

	static <T> Mono<T> releasedIfAbandoned(Mono<T> granting, Function<T, Mono<?>> release) {
		return Mono.deferContextual((context) -> {
			CompletableFuture<T> granted = granting.contextWrite(context).toFuture();
			return Mono.fromFuture(granted, true)
				.doOnCancel(() -> granted.thenAccept((hold) -> release.apply(hold)
					.contextWrite(context)
					.subscribe(null, (ex) -> log.warn("An abandoned hold could not be released; it will expire", ex))));
		});
	}

}
