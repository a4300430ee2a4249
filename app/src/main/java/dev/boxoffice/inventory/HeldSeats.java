package dev.boxoffice.inventory;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads which seats of an event are held: the {@link EventKeys#held held} set maps each
 * held seat id to the epoch millisecond its hold expires; entries whose time has passed
 * no longer count. The hold feature writes it.
 */
@Component
class HeldSeats {

	private final ReactiveStringRedisTemplate redis;

	private final EventKeys keys;

	private final Clock clock;

	HeldSeats(ReactiveStringRedisTemplate redis, EventKeys keys, Clock clock) {
		this.redis = redis;
		this.keys = keys;
		this.clock = clock;
	}

	private String key(UUID eventId) {
		return this.keys.held(eventId);
	}

	Mono<Set<String>> of(UUID eventId) {
		return this.redis.opsForZSet()
			.rangeByScore(key(eventId), notExpired())
			.collect(HashSet::new, Set::add);
	}

	/** Which of {@code seatIds} are held now: one ZMSCORE for just these seats. */
	Mono<Set<String>> among(UUID eventId, List<String> seatIds) {
		if (seatIds.isEmpty()) {
			return Mono.just(Set.of());
		}
		long now = this.clock.millis();
		return this.redis.opsForZSet().score(key(eventId), seatIds.toArray()).map((expiries) -> {
			Set<String> held = new HashSet<>();
			for (int i = 0; i < seatIds.size(); i++) {
				Double expiry = expiries.get(i);
				if (expiry != null && expiry > now) {
					held.add(seatIds.get(i));
				}
			}
			return held;
		});
	}

	private Range<Double> notExpired() {
		return Range.rightUnbounded(Range.Bound.exclusive((double) this.clock.millis()));
	}

}
