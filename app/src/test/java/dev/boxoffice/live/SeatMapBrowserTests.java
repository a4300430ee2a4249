package dev.boxoffice.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.HeadlessChromium;
import dev.boxoffice.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.boxoffice.support.HeadlessChromium.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real browser on the seat map: a seat held through the API turns HELD on the page,
 * live. Needs Debian's Chromium ({@code .ci/run} installs it); elsewhere the test is
 * skipped unless CI is set.
 */
@IntegrationTest
class SeatMapBrowserTests {

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@Test
	void aSeatHeldThroughTheApiChangesColourOnTheOpenPage() throws Exception {
		HeadlessChromium.assumeAvailable();
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Lyon", 3, 12);
		try (HeadlessChromium browser = new HeadlessChromium()) {
			browser.open("http://127.0.0.1:" + this.port + "/events/" + event);
			Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				assertThat(browser.evaluate("document.querySelectorAll('.seat').length").asInt()).isEqualTo(36);
				assertThat(browser.evaluate("document.getElementById('connection').textContent").asString())
					.isEqualTo("live");
			});
			assertThat(seatClass(browser, "A-2-5")).contains("AVAILABLE");

			new Booking(this.client).holdSeats(new Accounts(this.client).newUser().bearer(), event, "A-2-5", "A-2-6");

			Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
				assertThat(seatClass(browser, "A-2-5")).contains("HELD");
				assertThat(browser.evaluate("document.getElementById('held').textContent").asString()).isEqualTo("2");
			});
			assertThat(browser
				.evaluate("getComputedStyle(document.querySelector('[data-seat=\"A-2-5\"]')).backgroundColor")
				.asString()).isEqualTo("rgb(249, 168, 37)");
			browser.screenshot(Path.of("target", "screenshots", "seat-map-held.png"));
		}
		assertThat(Path.of("target", "screenshots", "seat-map-held.png")).isNotEmptyFile();
	}

	private static String seatClass(HeadlessChromium browser, String seat) throws Exception {
		return browser.evaluate("document.querySelector('[data-seat=\"" + seat + "\"]').className").asString();
	}

}
