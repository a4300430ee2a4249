package dev.boxoffice.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.gatling.javaapi.core.PopulationBuilder;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * The service's CPU time over the measured part of a run, from its Prometheus scrape
 * ({@code process_cpu_time_ns_total}): read when the {@link Window} opens (after
 * {@code -Dsettle}) and again when the last buyer is done, before the closing checks. Per
 * confirmed purchase it is what the whole sale cost the service — abandoned holds,
 * declined cards and its background work included — for each sale that went through. The
 * wall-clock times of the two reads are reported too ({@code windowFromEpochMs},
 * {@code windowToEpochMs}): app/bench/cpu.py reads every process's CPU over the same
 * window from the samples it took of /proc.
 */
final class ServiceCpu {

	private static final String METRIC = "process_cpu_time_ns_total";

	private final BenchApi api;

	private volatile long from = -1;

	private volatile long to = -1;

	private volatile long fromEpochMs;

	private volatile long toEpochMs;

	ServiceCpu(BenchApi api) {
		this.api = api;
	}

	/** Reads the start once {@code settle} has passed (on a thread of its own). */
	void startAfter(Duration settle) {
		Thread reader = new Thread(() -> {
			try {
				Thread.sleep(settle.toMillis());
				this.fromEpochMs = System.currentTimeMillis();
				this.from = read();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "service-cpu");
		reader.setDaemon(true);
		reader.start();
	}

	/** Reads the start, once, where a simulation's measured part begins. */
	PopulationBuilder startOnce() {
		return scenario("measured part begins").exec((session) -> {
			this.fromEpochMs = System.currentTimeMillis();
			this.from = read();
			return session;
		}).injectOpen(atOnceUsers(1));
	}

	/** Reads the end, once, after the buyers. */
	PopulationBuilder endOnce() {
		return scenario("measured part ends").exec((session) -> {
			this.to = read();
			this.toEpochMs = System.currentTimeMillis();
			return session;
		}).injectOpen(atOnceUsers(1));
	}

	/**
	 * The service's CPU seconds over the measured part, and per confirmed purchase (none
	 * for a run that sells nothing).
	 */
	Map<String, Object> report(long confirmed) {
		Map<String, Object> report = new LinkedHashMap<>();
		if (this.from < 0 || this.to < this.from) {
			return report;
		}
		double seconds = (this.to - this.from) / 1e9;
		report.put("serviceCpuSeconds", seconds);
		report.put("windowFromEpochMs", this.fromEpochMs);
		report.put("windowToEpochMs", this.toEpochMs);
		if (confirmed > 0) {
			report.put("serviceCpuMsPerConfirmedPurchase", seconds * 1000 / confirmed);
		}
		return report;
	}

	private long read() {
		for (String line : this.api.publicText("/actuator/prometheus").split("\n")) {
			if (line.startsWith(METRIC + " ") || line.startsWith(METRIC + "{")) {
				return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return -1;
	}

}
