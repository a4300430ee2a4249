package dev.boxoffice.waitlist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.Race;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Joins that race: one buyer never gets two live entries, however the requests
 * interleave, and buyers joining at once get a place each, one after the other.
 */
@IntegrationTest
class WaitlistRaceTests {

	@Autowired
	WebTestClient client;

	/** A thread per request: the common pool may have fewer threads than requests. */
	final ExecutorService racers = Executors.newCachedThreadPool();

	@AfterEach
	void stopRacers() {
		this.racers.shutdownNow();
	}

	Accounts accounts;

	WaitlistCalls waitlist;

	UUID event;

	/** An event of one seat, held by someone else. */
	@BeforeEach
	void soldOutEvent() {
		this.accounts = new Accounts(this.client);
		this.waitlist = new WaitlistCalls(this.client);
		Session organizer = this.accounts.newUserWithRoles("ORGANIZER");
		this.event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 1, 1);
		new Booking(this.client).holdSeats(this.accounts.newUser().bearer(), this.event, "A-1-1");
	}

	@Test
	void manyJoinsOfOneBuyerAtOnceMakeExactlyOneLiveEntry() throws Exception {
		Session buyer = this.accounts.newUser();
		String shared = UUID.randomUUID().toString();
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			keys.add((i % 2 == 0) ? shared : UUID.randomUUID().toString());
		}
		List<Answer> answers = race(keys.size(),
				(i) -> this.waitlist.join(buyer, this.event, Map.of("quantity", 1), keys.get(i)));

		Object onlyEntry = Booking.scalar("SELECT id FROM waitlist_entries WHERE event_id = ? AND buyer_id = ? "
				+ "AND state IN ('WAITING', 'OFFERED')", this.event, buyer.userId());
		assertThat(onlyEntry).isNotNull();
		assertThat(Booking.scalar("SELECT count(*) FROM waitlist_entries WHERE buyer_id = ?", buyer.userId()))
			.isEqualTo(1L);
		for (Answer answer : answers) {
			if (answer.status() == 201) {
				assertThat(answer.body().path("entryId").asString()).isEqualTo(onlyEntry.toString());
			}
			else {
				assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
				assertThat(answer.body().path("type").asString())
					.isEqualTo("urn:boxoffice:problem:waitlist-entry-exists");
				assertThat(answer.body().path("entryId").asString()).isEqualTo(onlyEntry.toString());
			}
		}
		assertThat(answers).filteredOn((answer) -> answer.status() == 201).isNotEmpty();
		// Every answer with the shared key is the same: the entry it made, or a refusal.
		Set<String> sharedAnswers = new java.util.HashSet<>();
		for (int i = 0; i < keys.size(); i++) {
			if (keys.get(i).equals(shared) && answers.get(i).status() == 201) {
				sharedAnswers.add(answers.get(i).body().toString());
			}
		}
		assertThat(sharedAnswers).hasSizeLessThanOrEqualTo(1);
	}

	@Test
	void manyJoinsWithOneKeyAtOnceAllGetTheAnswerOfTheOneEntryTheyMake() throws Exception {
		Session buyer = this.accounts.newUser();
		String key = UUID.randomUUID().toString();
		List<Answer> answers = race(20, (i) -> this.waitlist.join(buyer, this.event, Map.of("quantity", 2), key));
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).as(answer.toString()).isEqualTo(201));
		assertThat(answers.stream().map((answer) -> answer.body().toString()).distinct()).hasSize(1);
		assertThat(Booking.scalar("SELECT count(*) FROM waitlist_entries WHERE buyer_id = ?", buyer.userId()))
			.isEqualTo(1L);
		assertThat(Booking
			.scalar("SELECT id FROM waitlist_entries WHERE buyer_id = ? AND state = 'WAITING'", buyer.userId())
			.toString()).isEqualTo(answers.get(0).body().path("entryId").asString());
	}

	@Test
	void buyersJoiningAtOnceGetDistinctConsecutivePlacesInJoiningOrder() throws Exception {
		int buyers = 20;
		List<Session> sessions = new ArrayList<>();
		for (int i = 0; i < buyers; i++) {
			sessions.add(this.accounts.newUser());
		}
		List<Answer> joins = race(buyers, (i) -> this.waitlist.join(sessions.get(i), this.event, Map.of("quantity", 1),
				UUID.randomUUID().toString()));
		assertThat(joins).allSatisfy((answer) -> assertThat(answer.status()).as(answer.toString()).isEqualTo(201));

		List<Long> positions = new ArrayList<>();
		for (Session session : sessions) {
			Answer mine = this.waitlist.mine(session, this.event);
			assertThat(mine.status()).isEqualTo(200);
			assertThat(mine.body().path("ahead").asLong()).isEqualTo(mine.body().path("position").asLong() - 1);
			positions.add(mine.body().path("position").asLong());
		}
		assertThat(positions).containsExactlyInAnyOrderElementsOf(
				LongStream.rangeClosed(1, buyers).boxed().collect(Collectors.toList()));
		// The places are the line's order in PostgreSQL: by time of joining.
		List<UUID> line = lineOrder();
		for (int i = 0; i < buyers; i++) {
			assertThat(line.indexOf(sessions.get(i).userId()) + 1L).isEqualTo(positions.get(i));
		}
	}

	private List<UUID> lineOrder() throws Exception {
		List<UUID> buyers = new ArrayList<>();
		try (var db = TestServices.get().jdbc();
				var query = db.prepareStatement("SELECT buyer_id FROM waitlist_entries WHERE event_id = ? "
						+ "AND state = 'WAITING' ORDER BY joined_at, id")) {
			query.setObject(1, this.event);
			try (var rows = query.executeQuery()) {
				while (rows.next()) {
					buyers.add(rows.getObject(1, UUID.class));
				}
			}
		}
		return buyers;
	}

	/** Runs {@code count} calls at once, released together; their answers in order. */
	private List<Answer> race(int count, IntFunction<Answer> call) throws Exception {
		return Race.of(this.racers, count, call);
	}

}
