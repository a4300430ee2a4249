import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the service's Java CPU went over one measured window, from the JFR recording
 * app/bench/run.sh keeps (settings=profile: a Java sample every 10 ms of each thread
 * running Java code). Run with the JDK's source launcher:
 *
 * <pre>
 * java app/bench/JfrCost.java app.jfr FROM_EPOCH_MS TO_EPOCH_MS BUYERS
 * </pre>
 *
 * It prints the samples in the window and per buyer, the collections in the window and
 * how long they paused the service, each part of the stack's share of the samples
 * (inclusive: a sample counts for every part it passes through, so shares overlap), and
 * the methods the samples were in most (exclusive).
 */
public class JfrCost {

	/** Parts of the stack, by the start of a frame's class name. */
	private static final Map<String, List<String>> PARTS = new LinkedHashMap<>();

	static {
		PARTS.put("HTTP server (Reactor Netty, Netty)", List.of("reactor.netty.http.server", "io.netty.handler.codec.http"));
		PARTS.put("Netty, all", List.of("io.netty", "reactor.netty"));
		PARTS.put("Spring WebFlux dispatch", List.of("org.springframework.web.reactive", "org.springframework.web.server",
				"org.springframework.http.server"));
		PARTS.put("Spring Security (filters, tokens)", List.of("org.springframework.security"));
		PARTS.put("token signatures (Nimbus JOSE)", List.of("com.nimbusds"));
		PARTS.put("JSON (Jackson)", List.of("tools.jackson", "com.fasterxml.jackson"));
		PARTS.put("Redis client (Lettuce)", List.of("io.lettuce"));
		PARTS.put("PostgreSQL client (R2DBC)", List.of("io.r2dbc", "org.springframework.r2dbc", "org.springframework.data.r2dbc"));
		PARTS.put("Reactor operators", List.of("reactor.core"));
		PARTS.put("Micrometer (metrics, observation, context)", List.of("io.micrometer"));
		PARTS.put("logging", List.of("ch.qos.logback", "org.slf4j"));
		PARTS.put("Boxoffice's own code", List.of("dev.boxoffice"));
	}

	public static void main(String[] args) throws Exception {
		Instant from = Instant.ofEpochMilli(Long.parseLong(args[1]));
		Instant to = Instant.ofEpochMilli(Long.parseLong(args[2]));
		long buyers = Long.parseLong(args[3]);
		long samples = 0;
		long collections = 0;
		long pausedNanos = 0;
		long longestPauseNanos = 0;
		Map<String, Long> parts = new LinkedHashMap<>();
		Map<String, Long> methods = new HashMap<>();
		try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
			while (recording.hasMoreEvents()) {
				RecordedEvent event = recording.readEvent();
				if (event.getEventType().getName().equals("jdk.GarbageCollection") && !event.getStartTime().isBefore(from)
						&& !event.getStartTime().isAfter(to)) {
					collections++;
					pausedNanos += event.getDuration("sumOfPauses").toNanos();
					longestPauseNanos = Math.max(longestPauseNanos, event.getDuration("longestPause").toNanos());
					continue;
				}
				if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStartTime().isBefore(from)
						|| event.getStartTime().isAfter(to) || event.getStackTrace() == null) {
					continue;
				}
				samples++;
				List<RecordedFrame> frames = event.getStackTrace().getFrames();
				if (!frames.isEmpty()) {
					RecordedFrame top = frames.get(0);
					methods.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
				}
				for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
					if (frames.stream()
						.anyMatch((frame) -> part.getValue()
							.stream()
							.anyMatch((prefix) -> frame.getMethod().getType().getName().startsWith(prefix)))) {
						parts.merge(part.getKey(), 1L, Long::sum);
					}
				}
			}
		}
		System.out.printf("Java samples in the window: %,d; per buyer: %.2f (%,d buyers)%n%n", samples,
				samples / (double) Math.max(1, buyers), buyers);
		System.out.printf("Collections in the window: %d, paused %.1f ms in all, %.1f ms at most%n%n", collections,
				pausedNanos / 1e6, longestPauseNanos / 1e6);
		System.out.println("| part of the stack (inclusive) | share of samples | samples per buyer |");
		System.out.println("|---|---|---|");
		for (String part : PARTS.keySet()) {
			long count = parts.getOrDefault(part, 0L);
			System.out.printf("| %s | %.0f %% | %.2f |%n", part, 100.0 * count / Math.max(1, samples),
					count / (double) Math.max(1, buyers));
		}
		System.out.println();
		System.out.println("| method the sample was in (exclusive) | share |");
		System.out.println("|---|---|");
		final long all = samples;
		methods.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(15)
			.forEach((entry) -> System.out.printf("| `%s` | %.1f %% |%n", entry.getKey(),
					100.0 * entry.getValue() / Math.max(1, all)));
	}

}
