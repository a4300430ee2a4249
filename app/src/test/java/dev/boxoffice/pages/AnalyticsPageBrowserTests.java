package dev.boxoffice.pages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.HeadlessChromium;
import dev.boxoffice.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.boxoffice.support.HeadlessChromium.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real browser on an event's sales, from the organizer's dashboard: the live figures
 * and both charts show what was sold through the API, and follow a new sale. Needs
 * Debian's Chromium; elsewhere skipped unless CI is set.
 */
@IntegrationTest
class AnalyticsPageBrowserTests {

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@BeforeEach
	void chromium() {
		HeadlessChromium.assumeAvailable();
	}

	@Test
	void theSalesOfAnEventShowLiveWithChartsOfSalesOverTimeAndFillPerSection() throws Exception {
		Accounts accounts = new Accounts(this.client);
		Booking booking = new Booking(this.client);
		Session organizer = accounts.newUserWithRoles("ORGANIZER");
		Catalog catalog = new Catalog(this.client);
		UUID venue = catalog.createVenue(organizer,
				Catalog.venue("Nantes", List.of(Catalog.section("A", 5000, 2, 5), Catalog.section("B", 2000, 1, 10))));
		UUID event = catalog.createEvent(organizer, Catalog.event(venue, "Charted Night", "music", 10));
		catalog.publish(organizer, event);
		Session buyer = accounts.newUser();
		String hold = booking.holdSeats(buyer.bearer(), event, "A-1-1", "A-1-2", "A-1-3", "A-1-4", "A-1-5");
		assertThat(booking.purchase(buyer.bearer(), hold, "tok_ok", UUID.randomUUID().toString()).status())
			.isEqualTo(201);
		booking.holdSeats(accounts.newUser().bearer(), event, "B-1-1");

		try (HeadlessChromium browser = new HeadlessChromium()) {
			browser.viewport(1280, 1000, false);
			browser.open(url("/signin"));
			eventually(() -> assertThat(browser.shown("#signin")).isTrue());
			browser.evaluate("localStorage.setItem('boxoffice.tokens', JSON.stringify({accessToken: '"
					+ organizer.accessToken() + "', refreshToken: '" + organizer.refreshToken() + "'}))");
			browser.open(url("/organizer"));
			eventually(() -> assertThat(browser.shown("#events [data-action=analytics]")).isTrue());
			browser.click("#events [data-action=analytics]");
			eventually(() -> {
				assertThat(browser.text("#a-sold")).isEqualTo("5");
				assertThat(browser.text("#a-remaining")).isEqualTo("14 of 20");
				assertThat(browser.text("#a-held")).isEqualTo("1");
				assertThat(browser.text("#a-conversion")).isEqualTo("50 %");
				assertThat(chartTotal(browser, "sales-chart", 0)).isEqualTo(5);
				assertThat(chartTotal(browser, "sales-chart", 1)).isEqualTo(2);
				assertThat(browser.evaluate("Chart.getChart('fill-chart').data.labels.join(',')").asString())
					.isEqualTo("A,B");
				assertThat(browser.evaluate("Chart.getChart('fill-chart').data.datasets[0].data.join(',')").asString())
					.isEqualTo("50,0");
			});
			browser.screenshot(Path.of("target", "screenshots", "organizer-analytics.png"));

			// A sale made now shows in the live figures within seconds.
			Session late = accounts.newUser();
			String more = booking.holdSeats(late.bearer(), event, "B-1-5", "B-1-6");
			booking.purchase(late.bearer(), more, "tok_ok", UUID.randomUUID().toString());
			eventually(() -> {
				assertThat(browser.text("#a-sold")).isEqualTo("7");
				assertThat(browser.text("#a-remaining")).isEqualTo("12 of 20");
			});
			assertThat(browser.incidents()).isEmpty();
		}
	}

	private static long chartTotal(HeadlessChromium browser, String chart, int dataset) throws Exception {
		return browser
			.evaluate("Chart.getChart('" + chart + "').data.datasets[" + dataset + "].data.reduce((a, b) => a + b, 0)")
			.asLong();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
