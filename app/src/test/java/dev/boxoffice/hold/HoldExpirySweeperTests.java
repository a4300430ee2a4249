package dev.boxoffice.hold;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.boxoffice.hold.InMemoryHolds.Freed;
import dev.boxoffice.hold.InMemoryHolds.Held;
import dev.boxoffice.inventory.HoldIndex;
import dev.boxoffice.live.UserNotifications;
import dev.boxoffice.platform.observability.BusinessMetrics;
import dev.boxoffice.platform.observability.MetricsProperties;
import dev.boxoffice.support.VirtualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The expiry sweep in virtual time, run every second as Spring schedules it: a buyer
 * warned a minute before expiry (halfway through a short hold), seats freed at the first
 * sweep after their time, a failing sweep or event left behind.
 */
@Tag("unit")
// A stream that does not end when it should fails the test instead of hanging the build.
@Timeout(10)
class HoldExpirySweeperTests {

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final BusinessMetrics metrics = new BusinessMetrics(this.meters, new MetricsProperties(false));

	static final Duration SWEEP = Duration.ofSeconds(1);

	static final UUID EVENT = UUID.randomUUID();

	static final UUID BUYER = UUID.randomUUID();

	final Clock clock = new VirtualClock();

	final InMemoryHolds holds = new InMemoryHolds(this.clock);

	/** The notifications sent, as "at-ms type fields". */
	final List<String> sent = new CopyOnWriteArrayList<>();

	@Test
	void aBuyerIsWarnedOnceAMinuteBeforeTheirHoldExpires() {
		HoldExpirySweeper sweeper = sweeper(Duration.ofMinutes(5));
		StepVerifier.withVirtualTime(() -> {
			this.holds.add(new Held(EVENT, "h1", BUYER, Duration.ofMinutes(5).toMillis(), List.of("A-1-1", "A-1-2")));
			return sweptEvery(SWEEP, sweeper);
		})
			.thenAwait(Duration.ofSeconds(239))
			.then(() -> assertThat(this.sent).isEmpty())
			.thenAwait(SWEEP)
			.then(() -> assertThat(this.sent).containsExactly("240000 hold-expiring " + Map.of("holdId", "h1",
					"eventId", EVENT.toString(), "expiresAt", Instant.ofEpochSecond(300).toString())))
			.thenAwait(Duration.ofSeconds(59))
			.then(() -> assertThat(this.sent).hasSize(1))
			.thenCancel()
			.verify();
	}

	@Test
	void aHoldShorterThanTwoMinutesIsWarnedHalfwayThrough() {
		HoldExpirySweeper sweeper = sweeper(Duration.ofSeconds(30));
		StepVerifier.withVirtualTime(() -> {
			this.holds.add(new Held(EVENT, "h1", BUYER, Duration.ofSeconds(30).toMillis(), List.of("A-1-1")));
			return sweptEvery(SWEEP, sweeper);
		})
			.thenAwait(Duration.ofSeconds(14))
			.then(() -> assertThat(this.sent).isEmpty())
			.thenAwait(SWEEP)
			.then(() -> assertThat(this.sent).singleElement().asString().startsWith("15000 hold-expiring"))
			.thenCancel()
			.verify();
	}

	/**
	 * A sweep looks only at what came into the warning window since the last one: each
	 * hold is asked about once, not at every sweep while it is in the window (a minute's
	 * worth of holds every second, at a rush's rate of holds, fell behind the interval).
	 */
	@Test
	void eachHoldInTheWarningWindowIsAskedAboutOnceNotAtEverySweep() {
		HoldExpirySweeper sweeper = sweeper(Duration.ofMinutes(5));
		StepVerifier.withVirtualTime(() -> {
			for (int i = 0; i < 50; i++) {
				this.holds.add(new Held(EVENT, "h" + i, BUYER, 250_000 + i * 1_000, List.of("A-1-" + i)));
			}
			return sweptEvery(SWEEP, sweeper);
		}).thenAwait(Duration.ofSeconds(320)).then(() -> {
			assertThat(this.sent).hasSize(50);
			assertThat(this.holds.warnCalls()).isEqualTo(50);
			assertThat(this.holds.freed()).hasSize(50);
		}).thenCancel().verify();
	}

	/**
	 * A waitlist offer shorter than the warning window starts inside it, behind what the
	 * last sweep looked at: it is warned all the same, at the next sweep.
	 */
	@Test
	void anOfferShorterThanTheWarningWindowIsWarnedAtTheNextSweep() {
		WarningScope scope = new WarningScope(properties(Duration.ofMinutes(5)));
		HoldExpirySweeper sweeper = sweeper(Duration.ofMinutes(5), scope);
		StepVerifier.withVirtualTime(() -> {
			this.holds.add(new Held(EVENT, "h1", BUYER, 300_000, List.of("A-1-2")));
			return sweptEvery(SWEEP, sweeper);
		}).thenAwait(Duration.ofMillis(30_500)).then(() -> {
			scope.granted(Duration.ofSeconds(20));
			this.holds.add(new Held(EVENT, "offer", BUYER, 50_500, List.of("A-1-1")));
		})
			.thenAwait(Duration.ofMillis(500))
			.then(() -> assertThat(this.sent).singleElement().asString().startsWith("31000 hold-expiring"))
			.thenCancel()
			.verify();
	}

	/**
	 * A hold claimed by a purchase when it came into the window is not warned then; if
	 * the purchase gives it back, the next sweep looks at the whole window again and
	 * warns it.
	 */
	@Test
	void aHoldWhosePurchaseGaveItBackIsWarnedAtTheNextSweep() {
		WarningScope scope = new WarningScope(properties(Duration.ofMinutes(5)));
		HoldExpirySweeper sweeper = sweeper(Duration.ofMinutes(5), scope);
		StepVerifier.withVirtualTime(() -> {
			this.holds.add(new Held(EVENT, "h1", BUYER, 300_000, List.of("A-1-1")));
			this.holds.claim("h1");
			return sweptEvery(SWEEP, sweeper);
		}).thenAwait(Duration.ofMillis(250_500)).then(() -> {
			assertThat(this.sent).isEmpty();
			this.holds.unclaim("h1");
			scope.givenBack(EVENT);
		})
			.thenAwait(Duration.ofMillis(500))
			.then(() -> assertThat(this.sent).singleElement().asString().startsWith("251000 hold-expiring"))
			.thenCancel()
			.verify();
	}

	/**
	 * Freeing comes first: warnings that keep failing do not keep an event's seats held.
	 */
	@Test
	void warningsThatKeepFailingDoNotKeepExpiredSeatsHeld() {
		HoldExpirySweeper sweeper = sweeper(Duration.ofMinutes(5));
		this.holds.add(new Held(EVENT, "h1", BUYER, 10_000, List.of("A-1-1")));
		this.holds.add(new Held(EVENT, "h2", BUYER, 30_000, List.of("A-1-2")));
		this.holds.failWarningsOf(EVENT);
		StepVerifier.withVirtualTime(() -> sweptEvery(SWEEP, sweeper))
			.thenAwait(Duration.ofSeconds(31))
			.then(() -> assertThat(this.holds.freed()).extracting(Freed::atMillis).containsExactly(10_000L, 30_000L))
			.thenCancel()
			.verify();
	}

	/**
	 * A hold taken half a second into the sweeps: freed at the first sweep after its
	 * time, and not before.
	 */
	@Test
	void expiredSeatsAreFreedAtTheFirstSweepAfterTheirTimeAndTheEventIsForgotten() {
		HoldExpirySweeper sweeper = sweeper(Duration.ofMinutes(5));
		StepVerifier.withVirtualTime(() -> sweptEvery(SWEEP, sweeper))
			.thenAwait(Duration.ofMillis(500))
			.then(() -> this.holds.add(new Held(EVENT, "h1", BUYER, 300_500, List.of("A-1-1", "A-1-2"))))
			.thenAwait(Duration.ofMillis(299_500))
			.then(() -> assertThat(this.holds.freed()).isEmpty())
			.thenAwait(SWEEP)
			.then(() -> {
				assertThat(this.holds.freed()).containsExactly(new Freed(EVENT, List.of("A-1-1", "A-1-2"), 301_000));
				assertThat(this.holds.eventsWithHolds()).isEmpty();
				assertThat(this.meters.counter("boxoffice.holds.expired.seats").count()).isEqualTo(2);
			})
			.thenCancel()
			.verify();
	}

	/**
	 * A failed sweep completes quietly: were it to fail, Spring would stop scheduling it.
	 */
	@Test
	void aSweepThatFailsEndsQuietlyAndTheNextOneFreesTheSeats() {
		HoldIndex index = this.holds.index();
		when(index.eventsWithHolds()).thenReturn(Flux.error(new IllegalStateException("Redis did not answer")))
			.thenAnswer((call) -> Flux.just(EVENT));
		HoldExpirySweeper sweeper = new HoldExpirySweeper(index, this.holds.scripts(), this.holds.allotments(),
				this.clock, notifications(), properties(Duration.ofMinutes(5)),
				new WarningScope(properties(Duration.ofMinutes(5))), this.metrics);
		this.holds.add(new Held(EVENT, "h1", BUYER, 0, List.of("A-1-1")));
		StepVerifier.withVirtualTime(() -> sweptEvery(SWEEP, sweeper))
			.then(() -> assertThat(this.holds.freed()).isEmpty())
			.thenAwait(SWEEP)
			.then(() -> assertThat(this.holds.freed()).extracting(Freed::atMillis).containsExactly(1000L))
			.thenCancel()
			.verify();
	}

	/**
	 * One event whose scripts keep failing (a key of the wrong type, say) must not keep
	 * every other event's seats held.
	 */
	@Test
	void anEventWhoseSweepKeepsFailingDoesNotHoldUpTheOthers() {
		UUID broken = UUID.randomUUID();
		HoldExpirySweeper sweeper = sweeper(Duration.ofMinutes(5));
		this.holds.add(new Held(broken, "h1", BUYER, 0, List.of("A-1-1")));
		this.holds.add(new Held(EVENT, "h2", BUYER, 0, List.of("A-1-1")));
		this.holds.failScriptsOf(broken);
		StepVerifier.withVirtualTime(() -> sweptEvery(SWEEP, sweeper))
			.thenAwait(Duration.ofSeconds(10))
			.then(() -> assertThat(this.holds.freed()).containsExactly(new Freed(EVENT, List.of("A-1-1"), 0)))
			.thenCancel()
			.verify();
	}

	/**
	 * The sweep as Spring runs it ({@code fixedDelay}): at once, then every interval
	 * after the last ended.
	 */
	private static Flux<Void> sweptEvery(Duration interval, HoldExpirySweeper sweeper) {
		return Flux.interval(Duration.ZERO, interval).concatMap((tick) -> sweeper.sweep());
	}

	private HoldExpirySweeper sweeper(Duration ttl) {
		return sweeper(ttl, new WarningScope(properties(ttl)));
	}

	private HoldExpirySweeper sweeper(Duration ttl, WarningScope scope) {
		return new HoldExpirySweeper(this.holds.index(), this.holds.scripts(), this.holds.allotments(), this.clock,
				notifications(), properties(ttl), scope, this.metrics);
	}

	private static HoldProperties properties(Duration ttl) {
		return new HoldProperties(ttl, 10, SWEEP, 10, 40);
	}

	private UserNotifications notifications() {
		UserNotifications notifications = mock(UserNotifications.class);
		when(notifications.send(any(UUID.class), anyString(), anyMap())).thenAnswer((call) -> Mono.fromRunnable(
				() -> this.sent.add(this.clock.millis() + " " + call.getArgument(1) + " " + call.getArgument(2))));
		return notifications;
	}

}
