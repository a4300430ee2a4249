package dev.boxoffice.booking;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The business counters at {@code /actuator/prometheus} move by what a sale really did:
 * one bought, one declined and one failed purchase, one hold released, one order
 * cancelled. Other tests share the application, so each figure is compared with the
 * scrape before.
 */
@IntegrationTest
class SalesMetricsTests {

	private static final Pattern SAMPLE = Pattern.compile("(?m)^(\\w+)(?:\\{([^}]*)\\})? (\\S+)$");

	@Autowired
	WebTestClient client;

	@Test
	void aSaleMovesTheBusinessCountersByWhatItDid() {
		Booking booking = new Booking(this.client);
		Accounts accounts = new Accounts(this.client);
		Session organizer = accounts.newUserWithRoles("ORGANIZER");
		Session buyer = accounts.newUser();
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 2, 10);
		String before = scrape();

		String paid = booking.holdSeats(buyer.bearer(), event, "A-1-1", "A-1-2");
		String orderId = booking.purchase(buyer.bearer(), paid, "tok_ok", UUID.randomUUID().toString())
			.body()
			.path("orderId")
			.asString();
		String declined = booking.holdSeats(buyer.bearer(), event, "A-1-3");
		assertThat(booking.purchase(buyer.bearer(), declined, "tok_decline", UUID.randomUUID().toString()).status())
			.isEqualTo(402);
		String captureFails = booking.holdSeats(buyer.bearer(), event, "A-1-4");
		assertThat(booking.purchase(buyer.bearer(), captureFails, "tok_capture_fails", UUID.randomUUID().toString())
			.status()).isEqualTo(402);
		assertThat(booking.release(buyer.bearer(), booking.holdSeats(buyer.bearer(), event, "A-1-5"))).isEqualTo(204);
		assertThat(booking.cancel(buyer.bearer(), orderId)).isEqualTo(200);

		String after = scrape();
		assertThat(delta(before, after, "boxoffice_holds_total", "")).isEqualTo(4);
		assertThat(delta(before, after, "boxoffice_holds_seats_total", "")).isEqualTo(5);
		assertThat(delta(before, after, "boxoffice_holds_released_total", "")).isEqualTo(1);
		assertThat(delta(before, after, "boxoffice_purchases_total", "outcome=\"confirmed\"")).isEqualTo(1);
		assertThat(delta(before, after, "boxoffice_purchases_total", "outcome=\"failed\"")).isEqualTo(2);
		assertThat(delta(before, after, "boxoffice_payments_declined_total", "")).isEqualTo(1);
		assertThat(delta(before, after, "boxoffice_tickets_sold_total", "")).isEqualTo(2);
		assertThat(delta(before, after, "boxoffice_revenue_cents_total", "currency=\"EUR\"")).isEqualTo(10_000);
		assertThat(delta(before, after, "boxoffice_orders_cancelled_total", "")).isEqualTo(1);
		assertThat(delta(before, after, "boxoffice_refunds_cents_total", "currency=\"EUR\"")).isEqualTo(10_000);
		// No event ids as tags unless configured: one series per counter and outcome.
		assertThat(after).doesNotContain("event=\"" + event + "\"");
	}

	private String scrape() {
		return this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	/** How much the samples of {@code name} whose tags contain {@code tag} grew. */
	private static double delta(String before, String after, String name, String tag) {
		return sum(after, name, tag) - sum(before, name, tag);
	}

	private static double sum(String scrape, String name, String tag) {
		double total = 0;
		Matcher sample = SAMPLE.matcher(scrape);
		while (sample.find()) {
			if (sample.group(1).equals(name) && String.valueOf(sample.group(2)).contains(tag)) {
				total += Double.parseDouble(sample.group(3));
			}
		}
		return total;
	}

}
