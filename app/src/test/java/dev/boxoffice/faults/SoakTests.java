package dev.boxoffice.faults;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.TestServices;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded soak: buyers hold, buy, decline, release, abandon and cancel, without pause,
 * for {@code boxoffice.soak.duration} (a minute in the build; ten in the {@code soak}
 * profile). Heap after GC, Redis keys, connections in use and Idempotency-Key rows are
 * sampled every few seconds and written to {@code target/soak/samples.csv}; the test
 * fails if any of them keeps growing.
 */
@Tag("faults")
@IntegrationTest
@TestPropertySource(properties = { "boxoffice.holds.ttl=2s", "boxoffice.holds.sweep-interval=250ms",
		"boxoffice.booking.idempotency-ttl=1m", "boxoffice.booking.idempotency-cleanup-interval=10s" })
class SoakTests {

	private static final Logger log = LoggerFactory.getLogger(SoakTests.class);

	private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);

	@Autowired
	WebTestClient client;

	@Autowired
	MeterRegistry meters;

	@Test
	void nothingKeepsGrowingUnderASustainedSale() throws Exception {
		Duration duration = Duration.parse("PT" + System.getProperty("boxoffice.soak.duration", "60s").toUpperCase());
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		Catalog catalog = new Catalog(this.client);
		List<UUID> events = List.of(catalog.eventOnSale(organizer, "Lyon", 30, 50),
				catalog.eventOnSale(organizer, "Lyon", 30, 50));
		List<Session> buyers = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			buyers.add(new Accounts(this.client).newUser());
		}
		Booking booking = new Booking(this.client);
		AtomicLong operations = new AtomicLong();
		long deadline = System.nanoTime() + duration.toNanos();
		ExecutorService workers = Executors.newFixedThreadPool(4);
		for (int i = 0; i < 4; i++) {
			workers.submit(() -> {
				while (System.nanoTime() < deadline) {
					oneBuyer(booking, buyers, events);
					operations.incrementAndGet();
				}
			});
		}
		List<Sample> samples = new ArrayList<>();
		while (System.nanoTime() < deadline) {
			Thread.sleep(SAMPLE_EVERY.toMillis());
			samples.add(sample(operations.get()));
			log.info("Soak sample: {}", samples.get(samples.size() - 1));
		}
		workers.shutdown();
		assertThat(workers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		write(samples);
		assertThat(operations.get()).as("buyers served").isGreaterThan(duration.toSeconds() * 5);
		notGrowing(samples, "heap after GC (MB)", Sample::heapMegabytes, 0.25, 24);
		// The keys of live holds follow the rate of the sale, which rises as the JIT
		// warms up:
		// a leak is a key that never expires, or keys piling up far faster than that.
		notGrowing(samples, "Redis keys without a TTL", Sample::keysWithoutTtl, 0, 5);
		notGrowing(samples, "Redis keys", Sample::redisKeys, 0.5, 100);
		notGrowing(samples, "connections in use", Sample::connections, 0, 3);
		notGrowing(samples, "Idempotency-Keys in flight", Sample::keysInFlight, 0, 3);
		notGrowing(samples, "Idempotency-Keys past their expiry", Sample::keysExpired, 0, 10);
		if (duration.compareTo(Duration.ofMinutes(3)) >= 0) {
			// Kept a minute (boxoffice.booking.idempotency-ttl), so flat only after that.
			notGrowing(samples, "Idempotency-Keys kept", Sample::keysKept, 0.10, 50);
		}
		for (UUID event : events) {
			assertThat(booking.audit(organizer.bearer(), event).path("ok").asBoolean()).isTrue();
		}
	}

	/**
	 * One buyer's visit: a hold, and then a purchase, a decline, a release or nothing.
	 */
	private static void oneBuyer(Booking booking, List<Session> buyers, List<UUID> events) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Session buyer = buyers.get(random.nextInt(buyers.size()));
		UUID event = events.get(random.nextInt(events.size()));
		try {
			Answer held = booking.hold(buyer.bearer(), event,
					Map.of("section", "A", "quantity", 1 + random.nextInt(2)));
			if (held.status() != 201) {
				return;
			}
			String hold = held.body().path("holdId").asString();
			int dice = random.nextInt(100);
			if (dice < 45) {
				Answer bought = booking.purchase(buyer.bearer(), hold, "tok_ok", UUID.randomUUID().toString());
				if (bought.status() == 201 && random.nextInt(100) < 80) {
					booking.cancel(buyer.bearer(), bought.body().path("orderId").asString());
				}
			}
			else if (dice < 55) {
				booking.purchase(buyer.bearer(), hold, "tok_decline", UUID.randomUUID().toString());
			}
			else if (dice < 70) {
				booking.release(buyer.bearer(), hold);
			}
			// Otherwise the hold is abandoned and expires.
		}
		catch (RuntimeException | AssertionError ex) {
			log.warn("A soak buyer failed: {}", ex.toString());
		}
	}

	/** One reading of what must not keep growing. */
	record Sample(long operations, long heapMegabytes, long redisKeys, long keysWithoutTtl, long connections,
			long keysInFlight, long keysExpired, long keysKept) {
	}

	private Sample sample(long operations) throws Exception {
		System.gc();
		long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
		String prefix = TestServices.get().keyPrefix();
		long[] keys = TestServices.get().redis((redis) -> {
			long[] count = new long[2];
			ScanCursor cursor = ScanCursor.INITIAL;
			do {
				KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
				count[0] += page.getKeys().size();
				for (String key : page.getKeys()) {
					count[1] += (redis.pttl(key) == -1) ? 1 : 0;
				}
				cursor = page;
			}
			while (!cursor.isFinished());
			return count;
		});
		var pool = this.meters.find("r2dbc.pool.acquired").gauges();
		assertThat(pool).as("the pool's gauge of connections in use").isNotEmpty();
		double acquired = pool.stream().mapToDouble((gauge) -> gauge.value()).sum();
		return new Sample(operations, heap, keys[0], keys[1], (long) acquired,
				(Long) Booking.scalar("SELECT count(*) FROM idempotency_keys WHERE status = 'IN_FLIGHT' "
						+ "AND created_at < now() - interval '30 seconds'"),
				(Long) Booking
					.scalar("SELECT count(*) FROM idempotency_keys WHERE expires_at < now() - interval '15 seconds'"),
				(Long) Booking.scalar("SELECT count(*) FROM idempotency_keys"));
	}

	/**
	 * Fails if a reading keeps growing: after the first fifth (warming up), the median of
	 * each third of the run is higher than the one before, and the last exceeds the first
	 * by more than {@code relative} of it plus {@code absolute}.
	 */
	private static void notGrowing(List<Sample> samples, String what, java.util.function.ToLongFunction<Sample> reading,
			double relative, long absolute) {
		List<Long> values = samples.stream().skip(samples.size() / 5).mapToLong(reading).boxed().toList();
		assertThat(values).as("samples of %s", what).hasSizeGreaterThanOrEqualTo(3);
		int third = values.size() / 3;
		long first = median(values.subList(0, third));
		long second = median(values.subList(third, 2 * third));
		long last = median(values.subList(2 * third, values.size()));
		boolean growing = second > first && last > second && last > first * (1 + relative) + absolute;
		assertThat(growing).as("%s keeps growing: %d, %d, %d (all: %s)", what, first, second, last, values).isFalse();
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static void write(List<Sample> samples) throws IOException {
		Path file = Path.of("target", "soak", "samples.csv");
		Files.createDirectories(file.getParent());
		List<String> lines = new ArrayList<>();
		lines.add("seconds,operations,heap_mb,redis_keys,redis_keys_without_ttl,connections_in_use,keys_in_flight,"
				+ "keys_expired,keys_kept");
		for (int i = 0; i < samples.size(); i++) {
			Sample s = samples.get(i);
			lines.add((i + 1) * SAMPLE_EVERY.toSeconds() + "," + s.operations() + "," + s.heapMegabytes() + ","
					+ s.redisKeys() + "," + s.keysWithoutTtl() + "," + s.connections() + "," + s.keysInFlight() + ","
					+ s.keysExpired() + "," + s.keysKept());
		}
		Files.write(file, lines);
	}

}
