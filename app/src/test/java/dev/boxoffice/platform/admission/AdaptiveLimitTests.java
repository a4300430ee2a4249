package dev.boxoffice.platform.admission;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adaptive limit starts at the bound, shrinks when requests queue (not for a few
 * heavy ones), grows back while it is tried and requests take their usual time, judges
 * each kind against its own floor, and stays put when it is not adaptive.
 */
@Tag("unit")
class AdaptiveLimitTests {

	private static final long MS = 1_000_000L;

	private long now;

	@Test
	void startsAtTheBoundAndShrinksByATenthAWindowWhileRequestsQueueDownToItsLeast() {
		AdaptiveLimit limit = new AdaptiveLimit(4, 64, true, this.now);
		assertThat(limit.limit()).isEqualTo(64);
		window(limit, "hold", 3 * MS, 64);
		assertThat(limit.limit()).isEqualTo(64);
		// Ten times the floor: (30 + 2) / (3 + 2) > 4.
		window(limit, "hold", 30 * MS, 64);
		assertThat(limit.limit()).isEqualTo(57);
		// Twenty times, for long: the floor creeps up meanwhile, but not to the new
		// times.
		for (int i = 0; i < 40; i++) {
			window(limit, "hold", 60 * MS, 64);
		}
		assertThat(limit.limit()).isEqualTo(4);
	}

	@Test
	void growsBackOneAWindowWhileItIsTriedAndNothingQueues() {
		AdaptiveLimit limit = shrunk();
		int low = limit.limit();
		window(limit, "hold", 3 * MS, low);
		assertThat(limit.limit()).isEqualTo(low + 1);
		for (int i = 0; i < 100; i++) {
			window(limit, "hold", 3 * MS, limit.limit());
		}
		assertThat(limit.limit()).isEqualTo(64);
	}

	@Test
	void doesNotGrowWhenFarBelowIt() {
		AdaptiveLimit limit = shrunk();
		int low = limit.limit();
		for (int i = 0; i < 50; i++) {
			window(limit, "hold", 3 * MS, low / 2);
		}
		assertThat(limit.limit()).isEqualTo(low);
	}

	@Test
	void aPurchaseIsJudgedAgainstPurchasesNotHolds() {
		AdaptiveLimit limit = new AdaptiveLimit(4, 64, true, this.now);
		for (int i = 0; i < 20; i++) {
			window(limit, "hold", 2 * MS, 64);
			window(limit, "purchase", 12 * MS, 64);
		}
		// Purchases six times as long as holds, each at its floor: no queueing.
		assertThat(limit.limit()).isEqualTo(64);
	}

	@Test
	void purchasesQueueingShrinkItWhileFastHoldsKeepTheMedianLow() {
		AdaptiveLimit limit = new AdaptiveLimit(4, 64, true, this.now);
		// Their floors: holds 3 ms, purchases 10 ms.
		mixed(limit, 3 * MS, 10 * MS);
		assertThat(limit.limit()).isEqualTo(64);
		// Purchases twenty times their floor, holds as fast as ever, three holds to a
		// purchase: the window's median is a hold's, the purchases' shows the queue.
		mixed(limit, 3 * MS, 200 * MS);
		assertThat(limit.limit()).isEqualTo(57);
	}

	@Test
	void aFewPurchasesAreNotJudgedAlone() {
		AdaptiveLimit limit = new AdaptiveLimit(4, 64, true, this.now);
		mixed(limit, 3 * MS, 10 * MS);
		// Fewer slow purchases in a window than it takes to judge them.
		for (int i = 0; i < AdaptiveLimit.WINDOW_SAMPLES; i++) {
			this.now += AdaptiveLimit.WINDOW_NANOS / AdaptiveLimit.WINDOW_SAMPLES + 1;
			boolean purchase = i < AdaptiveLimit.STARTED_SAMPLES - 1;
			limit.record(purchase ? "purchase" : "hold", purchase, purchase ? 200 * MS : 3 * MS, 64, this.now);
		}
		assertThat(limit.limit()).isEqualTo(64);
	}

	@Test
	void aFewHeavyRequestsAreNotQueueing() {
		AdaptiveLimit limit = shrunk();
		window(limit, "GET /api/me", MS, limit.limit());
		int before = limit.limit();
		// A window of fast requests and a few reports a thousand times as long.
		for (int i = 0; i < AdaptiveLimit.WINDOW_SAMPLES; i++) {
			this.now += AdaptiveLimit.WINDOW_NANOS / AdaptiveLimit.WINDOW_SAMPLES + 1;
			limit.record("GET /api/me", (i % 8 == 0) ? 1000 * MS : MS, limit.limit(), this.now);
		}
		assertThat(limit.limit()).isGreaterThan(before);
	}

	@Test
	void jitterOfAFastRequestIsNotQueueing() {
		AdaptiveLimit limit = shrunk();
		window(limit, "GET /api/me", MS / 5, limit.limit());
		int before = limit.limit();
		// Five times its floor, but within the slack: (1 + 2) / (0.2 + 2) < 4.
		window(limit, "GET /api/me", MS, limit.limit());
		assertThat(limit.limit()).isGreaterThan(before);
	}

	@Test
	void fixedStaysAtTheBound() {
		AdaptiveLimit limit = new AdaptiveLimit(4, 64, false, this.now);
		for (int i = 0; i < 20; i++) {
			window(limit, "hold", (i % 2 == 0) ? MS : 100 * MS, 64);
		}
		assertThat(limit.limit()).isEqualTo(64);
	}

	/** A limit brought down to 32 by holds queueing (ten times their 3 ms). */
	private AdaptiveLimit shrunk() {
		AdaptiveLimit limit = new AdaptiveLimit(4, 64, true, this.now);
		window(limit, "hold", 3 * MS, 64);
		for (int i = 0; i < 6; i++) {
			window(limit, "hold", 30 * MS, 64);
		}
		assertThat(limit.limit()).isEqualTo(32);
		return limit;
	}

	/**
	 * One decision's worth of samples: three holds of {@code hold} to a purchase of
	 * {@code purchase} (work already started).
	 */
	private void mixed(AdaptiveLimit limit, long hold, long purchase) {
		for (int i = 0; i < 4 * AdaptiveLimit.WINDOW_SAMPLES; i++) {
			this.now += AdaptiveLimit.WINDOW_NANOS / (4 * AdaptiveLimit.WINDOW_SAMPLES) + 1;
			boolean started = i % 4 == 3;
			limit.record(started ? "purchase" : "hold", started, started ? purchase : hold, 64, this.now);
		}
	}

	/** One decision's worth of samples, each {@code own} long. */
	private void window(AdaptiveLimit limit, String kind, long own, int inFlight) {
		for (int i = 0; i < AdaptiveLimit.WINDOW_SAMPLES; i++) {
			this.now += AdaptiveLimit.WINDOW_NANOS / AdaptiveLimit.WINDOW_SAMPLES + 1;
			limit.record(kind, own, inFlight, this.now);
		}
	}

}
