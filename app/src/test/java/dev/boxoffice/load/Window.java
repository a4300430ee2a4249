package dev.boxoffice.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measured part of a run. Gatling runs every simulation in a fresh JVM, which spends
 * its first seconds compiling its own code on the cores the service uses. With
 * {@code -Dsettle=N} a simulation runs N seconds longer, first, and what happens in those
 * seconds is not counted: buyers who start in them, changes that reach watchers in them,
 * baseline requests answered in them. {@code -Dduration} is then the measured part.
 * Without it (the default, and the CI smoke run) everything counts.
 */
final class Window {

	static final Duration SETTLE = LoadSettings.seconds("settle", 0);

	private static volatile boolean opened;

	private static volatile long from;

	private Window() {
	}

	/** Called as the run starts: the measured part begins {@link #SETTLE} from now. */
	static void open() {
		from = System.nanoTime() + SETTLE.toNanos();
		opened = true;
	}

	/** Whether what started (or arrived) at {@code nanoTime} is counted. */
	static boolean counts(long nanoTime) {
		return !opened || nanoTime - from >= 0;
	}

	/**
	 * The start of a simulation's report: the measured duration and the settling before
	 * it. Rates are {@link #perSecond} of the measured part.
	 */
	static Map<String, Object> report(Duration measured) {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("durationSeconds", measured.toSeconds());
		report.put("settleSeconds", SETTLE.toSeconds());
		return report;
	}

	static double perSecond(long count, Duration measured) {
		return count / (double) measured.toSeconds();
	}

	/** How long a simulation runs to measure {@code measured}. */
	static Duration total(Duration measured) {
		return measured.plus(SETTLE);
	}

}
