package dev.boxoffice.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.boxoffice.BoxofficeApplication;
import dev.boxoffice.booking.CrashPoint;
import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Booking.Answer;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.ServiceProcess;
import dev.boxoffice.support.TestServices;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service is killed with SIGKILL in the middle of a purchase, at each step of the
 * saga in turn, each time in a JVM of its own; then started again. Every order ends
 * final, paid exactly when confirmed, and its buyer's key replays the outcome.
 */
@Tag("faults")
class CrashTests {

	/** Recovery quickly, so the test does not wait half a minute per order. */
	static final Map<String, Object> QUICK_RECOVERY = Map.of("boxoffice.booking.recovery-after", "2s",
			"boxoffice.booking.recovery-interval", "500ms", "boxoffice.payment.timeout", "500ms");

	/** A purchase cut short by the kill, and what recovery must make of it. */
	record Cut(String step, UUID event, Session organizer, Session buyer, String hold, String key, String status,
			String payment, String seats) {
	}

	@Test
	void aServiceKilledAtAnyStepOfAPurchaseLeavesEveryOrderFinalOnceItRuns() throws Exception {
		List<Cut> cuts = new ArrayList<>();
		cuts.add(killAt("CREATED", "FAILED", "NONE", "AVAILABLE/0"));
		cuts.add(killAt("AUTHORIZED", "FAILED", "VOIDED", "AVAILABLE/0"));
		cuts.add(killAt("COMMITTED", "CONFIRMED", "CAPTURED", "SOLD/1"));
		cuts.add(killAt("CAPTURED", "CONFIRMED", "CAPTURED", "SOLD/1"));
		try (ServiceProcess restarted = ServiceProcess.start(BoxofficeApplication.class, QUICK_RECOVERY)) {
			WebTestClient client = restarted.client();
			Booking booking = new Booking(client);
			for (Cut cut : cuts) {
				Awaitility.await()
					.atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(250))
					.untilAsserted(() -> assertThat(Booking
						.scalar("SELECT status FROM orders WHERE event_id = ? AND NOT redis_pending", cut.event()))
						.as("order killed at %s", cut.step())
						.isEqualTo(cut.status()));
				UUID order = (UUID) Booking.scalar("SELECT id FROM orders WHERE event_id = ?", cut.event());
				Object payment = Booking.scalar("SELECT status FROM simulated_payments WHERE order_id = ?", order);
				assertThat((payment == null) ? "NONE" : payment).as("payment killed at %s", cut.step())
					.isEqualTo(cut.payment());
				assertThat(Booking.seatStates(cut.event(), "A-1-1", "A-1-2")).as("seats killed at %s", cut.step())
					.containsValues(cut.seats(), cut.seats());
				Long held = TestServices.get()
					.redis((redis) -> redis.exists(Booking.eventKey(cut.event(), "seat:A-1-1"),
							Booking.eventKey(cut.event(), "seat:A-1-2")));
				assertThat(held).as("seat keys killed at %s", cut.step()).isZero();
				Answer replayed = Awaitility.await()
					.atMost(Duration.ofSeconds(20))
					.until(() -> booking.purchase(cut.buyer().bearer(), cut.hold(), "tok_ok", cut.key()),
							(answer) -> answer.status() != 409 || !"urn:boxoffice:problem:idempotency-key-in-flight"
								.equals(answer.body().path("type").asString()));
				assertThat(replayed.status()).as("replay killed at %s", cut.step())
					.isEqualTo(cut.status().equals("CONFIRMED") ? 201 : 409);
				assertThat(replayed.body().path("orderId").asString()).isEqualTo(order.toString());
				assertThat(booking.audit(cut.organizer().bearer(), cut.event()).path("ok").asBoolean())
					.as("audit killed at %s", cut.step())
					.isTrue();
			}
		}
	}

	/**
	 * Starts a service, starts a purchase, and kills the service when it reaches
	 * {@code step}.
	 */
	private Cut killAt(String step, String status, String payment, String seats) {
		Map<String, Object> settings = new java.util.HashMap<>(QUICK_RECOVERY);
		settings.put("boxoffice.test.crash-after", step);
		settings.put("spring.main.sources", CrashPoint.class.getName());
		try (ServiceProcess service = ServiceProcess.start(BoxofficeApplication.class, settings)) {
			WebTestClient client = service.client();
			Session organizer = new Accounts(client).newUserWithRoles("ORGANIZER");
			UUID event = new Catalog(client).eventOnSale(organizer, "Lyon", 1, 4);
			Session buyer = new Accounts(client).newUser();
			Booking booking = new Booking(client);
			String hold = booking.holdSeats(buyer.bearer(), event, "A-1-1", "A-1-2");
			String key = UUID.randomUUID().toString();
			CompletableFuture.runAsync(() -> booking.purchaseAndHangUp(buyer.bearer(), hold, key));
			service.awaitPrinted("CRASH-POINT " + step, Duration.ofSeconds(30));
			service.kill();
			return new Cut(step, event, organizer, buyer, hold, key, status, payment, seats);
		}
	}

}
