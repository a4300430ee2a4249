package dev.boxoffice.platform;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.Race;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's A/B settings of the I/O threads ({@code boxoffice.io.*}): with both away
 * from their defaults, PostgreSQL's results and Redis's replies arrive on the HTTP
 * server's own event loops, and a race for seats still sells each seat once, with the
 * audit clean.
 */
@IntegrationTest
@DirtiesContext
@TestPropertySource(properties = { "boxoffice.io.shared-loops=true", "boxoffice.io.redis-replies-handed-off=false" })
class SharedEventLoopsTests {

	static ExecutorService racers;

	@Autowired
	WebTestClient client;

	@Autowired
	ReactorResourceFactory resources;

	@Autowired
	DatabaseClient database;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@BeforeAll
	static void startRacers() {
		racers = Executors.newCachedThreadPool();
	}

	@AfterAll
	static void stopRacers() {
		racers.shutdownNow();
	}

	@Test
	void theDatabaseAndRedisAnswerOnTheServersLoops() {
		Set<String> serverLoops = serverLoopThreads();
		assertThat(serverLoops).isNotEmpty();
		String databaseThread = this.database.sql("SELECT 1")
			.map((row) -> Thread.currentThread().getName())
			.one()
			.block();
		String redisThread = this.redis.hasKey("boxoffice-test:" + UUID.randomUUID())
			.map((found) -> Thread.currentThread().getName())
			.block();
		assertThat(databaseThread).isIn(serverLoops);
		assertThat(redisThread).isIn(serverLoops);
	}

	@Test
	void aRaceForSeatsSellsEachOnce() throws Exception {
		Accounts accounts = new Accounts(this.client);
		Session organizer = accounts.newUserWithRoles("ORGANIZER");
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 1, 4);
		Booking booking = new Booking(this.client);
		List<Session> buyers = Race.of(racers, 12, (i) -> accounts.newUser());
		List<Integer> bought = Race.of(racers, buyers.size(), (i) -> {
			Answer held = booking.hold(buyers.get(i).bearer(), event, Map.of("seatIds", List.of("A-1-1", "A-1-2")));
			if (held.status() != 201) {
				return held.status();
			}
			return booking
				.purchase(buyers.get(i).bearer(), held.body().path("holdId").asString(), "tok_ok",
						UUID.randomUUID().toString())
				.status();
		});
		assertThat(bought).filteredOn((status) -> status == 201).hasSize(1);
		assertThat(bought).allMatch((status) -> status == 201 || status == 409);
		assertThat(Booking.seatStates(event, "A-1-1", "A-1-2", "A-1-3")).containsEntry("A-1-1", "SOLD/1")
			.containsEntry("A-1-2", "SOLD/1")
			.containsEntry("A-1-3", "AVAILABLE/0");
		assertThat(booking.audit(organizer.bearer(), event).path("ok").asBoolean()).isTrue();
	}

	/** The names of the threads of the HTTP server's event loops. */
	private Set<String> serverLoopThreads() {
		Set<String> names = new HashSet<>();
		for (EventExecutor loop : this.resources.getLoopResources().onServer(true)) {
			names.add(loop.submit(() -> Thread.currentThread().getName()).syncUninterruptibly().getNow());
		}
		return names;
	}

}
