package dev.boxoffice.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ReactiveZSetOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * When a held seat stops counting as held: when the expiry sweep frees it, not at the
 * millisecond its hold expires (its score in the held set), which is when the sweep finds
 * it due. Read at 1000 ms.
 */
@Tag("unit")
class HoldIndexTests {

	static final UUID EVENT = UUID.randomUUID();

	static final long NOW = 1000;

	static final String HELD = "held-set";

	@SuppressWarnings("unchecked")
	final ReactiveZSetOperations<String, String> heldSets = mock(ReactiveZSetOperations.class);

	final HoldIndex index = index();

	@Test
	void aSeatIsHeldWhileItIsInTheHeldSetAlsoPastItsTime() {
		when(this.heldSets.score(eq(HELD), any(Object[].class)))
			.thenReturn(Mono.just(Arrays.asList(999.0, (double) NOW, NOW + 1.0, null)));
		this.index.among(EVENT, List.of("A-1-1", "A-1-2", "A-1-3", "A-1-4"))
			.as(StepVerifier::create)
			.expectNext(Set.of("A-1-1", "A-1-2", "A-1-3"))
			.verifyComplete();
	}

	@SuppressWarnings("unchecked")
	@Test
	void theSeatsHeldNowAreTheWholeHeldSet() {
		ArgumentCaptor<Range<Long>> range = ArgumentCaptor.forClass(Range.class);
		when(this.heldSets.range(eq(HELD), range.capture())).thenReturn(Flux.just("A-1-2", "A-1-3"));
		this.index.held(EVENT).as(StepVerifier::create).expectNext(Set.of("A-1-2", "A-1-3")).verifyComplete();
		assertThat(range.getValue().getLowerBound().isBounded()).isFalse();
		assertThat(range.getValue().getUpperBound().isBounded()).isFalse();
	}

	@SuppressWarnings("unchecked")
	@Test
	void aSeatIsDueForTheSweepFromTheMillisecondItsHoldExpires() {
		when(this.heldSets.rangeByScore(eq(HELD), any(Range.class))).thenReturn(Flux.just("A-1-2"));
		this.index.seatsDueBy(EVENT, NOW).as(StepVerifier::create).expectNext("A-1-2").verifyComplete();
		ArgumentCaptor<Range<Double>> range = ArgumentCaptor.forClass(Range.class);
		verify(this.heldSets).rangeByScore(eq(HELD), range.capture());
		assertThat(range.getValue().getUpperBound().getValue()).contains((double) NOW);
		assertThat(range.getValue().getUpperBound().isInclusive()).isTrue();
	}

	private HoldIndex index() {
		ReactiveStringRedisTemplate redis = mock(ReactiveStringRedisTemplate.class);
		when(redis.opsForZSet()).thenReturn(this.heldSets);
		EventKeys keys = mock(EventKeys.class);
		when(keys.held(EVENT)).thenReturn(HELD);
		return new HoldIndex(redis, keys);
	}

}
