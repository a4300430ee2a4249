package dev.boxoffice.hold;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hold whose caller went away while it was being taken is still taken, then released at
 * once; one whose caller stayed is not released.
 */
@Tag("unit")
class AbandonedHoldsTests {

	private final List<String> released = new CopyOnWriteArrayList<>();

	@Test
	void aHoldGrantedAfterItsCallerLeftIsReleased() {
		Disposable caller = AbandonedHolds
			.releasedIfAbandoned(Mono.delay(Duration.ofMillis(200)).thenReturn("hold-1"), this::release)
			.subscribe();
		caller.dispose();
		assertThat(this.released).isEmpty();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.released.equals(List.of("hold-1")));
	}

	@Test
	void aHoldItsCallerGotIsKept() throws InterruptedException {
		StepVerifier
			.create(AbandonedHolds.releasedIfAbandoned(Mono.delay(Duration.ofMillis(50)).thenReturn("hold-2"),
					this::release))
			.expectNext("hold-2")
			.verifyComplete();
		Thread.sleep(200);
		assertThat(this.released).isEmpty();
	}

	@Test
	void aRefusalIsTheCallersAsItWas() {
		StepVerifier
			.create(AbandonedHolds.releasedIfAbandoned(Mono.error(HoldExceptions.unavailable(List.of("A-1-1"))),
					this::release))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(HoldExceptions.unavailable(List.of()).getClass()))
			.verify();
		assertThat(this.released).isEmpty();
	}

	private Mono<Void> release(String hold) {
		return Mono.fromRunnable(() -> this.released.add(hold));
	}

}
