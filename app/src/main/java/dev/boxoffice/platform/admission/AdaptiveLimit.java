package dev.boxoffice.platform.admission;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How many requests of new work the service takes on at once, learned from how long its
 * own part of each request takes (additive increase, multiplicative decrease).
 * <p>
 * A request's own time is its time in the service less what it spent waiting on an
 * outside provider ({@link Admission#outside}). Each kind of request (a hold, a purchase,
 * or a method and path with its identifiers left out: {@code GET /api/events/{@literal
 * *}/seats}) has a floor: its own time when nothing queues, the lowest of the smoothed
 * times seen. It creeps up very slowly towards the smoothed time (a ten-thousandth of the
 * distance a sample: at 100 requests a second, over a minute to move halfway), so that a
 * service whose work got dearer for good (a bigger event, a slower disk) learns it, while
 * a rush does not pass for the new normal. A sample's queueing ratio is
 * {@code (own + slack) / (floor + slack)}: how much longer than its floor it took, with a
 * slack of a few milliseconds so that the jitter of a sub-millisecond request does not
 * count as queueing.
 * <p>
 * Every window (at least {@link #WINDOW_SAMPLES} samples and {@link #WINDOW_NANOS}) the
 * limit is decided again, on the window's median ratio (queueing slows every request,
 * while one heavy request — an audit, a report — is an outlier the median ignores):
 * <ul>
 * <li>median ratio above {@link #QUEUEING} — requests wait for the cores, the event loop
 * or a connection more than they work: the limit shrinks by a tenth (at least one), down
 * to {@code min}, so that what is admitted is served at the speed of an idle service and
 * the rest is refused at once. The same if the median ratio of the window's work already
 * started (purchases and releases of holds, at least {@link #STARTED_SAMPLES} of them) is
 * above it, however fast the rest: every hold admitted now is a purchase a moment later,
 * and purchases queueing while fast holds keep the overall median low would otherwise
 * pile up until they reach the hard bound and are refused (bench run of 2026-12-02: 115
 * purchases of granted holds refused at 2.5 times the peak, purchases' p50 192 ms while
 * holds' was 4 ms);</li>
 * <li>otherwise, if the window came near the limit (three quarters of it in progress at
 * once), one more is allowed, up to {@code max}: the limit grows only while it is being
 * tried, so a quiet hour does not leave it high for the next rush.</li>
 * </ul>
 * Why not a bound on requests in flight alone: a purchase waiting 100 ms on a payment
 * provider uses nothing here, yet it counted as load, and a fixed bound set for a fast
 * provider refused buyers at a fraction of the peak when the provider slowed down. Why
 * per kind: a purchase's own time is several times a hold's, and a sign-in's (a password
 * hash) many times a page of events', so a window of one would otherwise look like
 * queueing to a floor learned from the other.
 */
final class AdaptiveLimit {

	static final int WINDOW_SAMPLES = 32;

	static final long WINDOW_NANOS = 100_000_000L;

	/**
	 * Median queueing ratio past which the limit shrinks. Some queueing is the price of a
	 * busy machine: one server 70 % busy answers in about 3.3 times its service time, and
	 * at 2 the limit refused a tenth of the buyers at 70 % of the peak (bench run of
	 * 2026-12-01). At 4 a 5 ms hold may take 18 ms before it counts as queueing, about a
	 * server 80 % busy.
	 */
	static final double QUEUEING = 4.0;

	/** Samples of work already started a window needs before their median is judged. */
	static final int STARTED_SAMPLES = 8;

	/** Added to a sample and to its floor before they are compared. */
	static final long SLACK_NANOS = 2_000_000L;

	/** Weight of a new sample in a kind's smoothed time. */
	private static final double SMOOTHING = 0.2;

	/** Share of the distance to the smoothed time the floor rises per sample above it. */
	private static final double FLOOR_CREEP = 0.0001;

	private final int min;

	private final int max;

	private final boolean adaptive;

	private volatile int limit;

	/** {smoothed, floor} by kind; at most {@link #MAX_KINDS}, the rest share one. */
	private final Map<String, double[]> kinds = new HashMap<>();

	private static final int MAX_KINDS = 64;

	private long windowStart;

	private int samples;

	/** The window's ratios, the first {@link #MAX_RATIOS} of them. */
	private final double[] ratios = new double[MAX_RATIOS];

	private static final int MAX_RATIOS = 1024;

	/** The window's ratios of work already started, the first {@link #MAX_RATIOS}. */
	private final double[] startedRatios = new double[MAX_RATIOS];

	private int startedSamples;

	private int peakInFlight;

	/**
	 * @param adaptive false: the limit stays at {@code max}
	 */
	AdaptiveLimit(int min, int max, boolean adaptive, long now) {
		this.min = Math.min(min, max);
		this.max = max;
		this.adaptive = adaptive;
		// Optimistic: a burst on an idle service is served; the limit comes down only
		// once
		// latency shows queueing.
		this.limit = max;
		this.windowStart = now;
	}

	int limit() {
		return this.limit;
	}

	/**
	 * One request of new work done: its own time, and how many were in progress when it
	 * began.
	 */
	void record(String of, long ownNanos, int inFlight, long now) {
		record(of, false, ownNanos, inFlight, now);
	}

	/**
	 * One request done: whether it finished work already started (a purchase, a release),
	 * its own time, and how many were in progress when it began.
	 */
	synchronized void record(String of, boolean started, long ownNanos, int inFlight, long now) {
		if (!this.adaptive) {
			return;
		}
		double[] kind = this.kinds.get(of);
		if (kind == null) {
			kind = this.kinds.computeIfAbsent((this.kinds.size() < MAX_KINDS) ? of : "",
					(key) -> new double[] { -1, -1 });
		}
		kind[0] = (kind[0] < 0) ? ownNanos : kind[0] + SMOOTHING * (ownNanos - kind[0]);
		if (kind[1] < 0 || kind[0] < kind[1]) {
			kind[1] = kind[0];
		}
		else {
			kind[1] += FLOOR_CREEP * (kind[0] - kind[1]);
		}
		double ratio = (ownNanos + SLACK_NANOS) / (kind[1] + SLACK_NANOS);
		if (this.samples < MAX_RATIOS) {
			this.ratios[this.samples] = ratio;
		}
		this.samples++;
		if (started && this.startedSamples < MAX_RATIOS) {
			this.startedRatios[this.startedSamples++] = ratio;
		}
		this.peakInFlight = Math.max(this.peakInFlight, inFlight);
		if (this.samples < WINDOW_SAMPLES || now - this.windowStart < WINDOW_NANOS) {
			return;
		}
		int counted = Math.min(this.samples, MAX_RATIOS);
		Arrays.sort(this.ratios, 0, counted);
		double queueing = this.ratios[counted / 2];
		double startedQueueing = 0;
		if (this.startedSamples >= STARTED_SAMPLES) {
			Arrays.sort(this.startedRatios, 0, this.startedSamples);
			startedQueueing = this.startedRatios[this.startedSamples / 2];
		}
		if (queueing > QUEUEING || startedQueueing > QUEUEING) {
			this.limit = Math.max(this.min, Math.min(this.limit - 1, (int) (this.limit * 0.9)));
		}
		else if (this.peakInFlight * 4 >= this.limit * 3) {
			this.limit = Math.min(this.max, this.limit + 1);
		}
		this.windowStart = now;
		this.samples = 0;
		this.startedSamples = 0;
		this.peakInFlight = 0;
	}

}
