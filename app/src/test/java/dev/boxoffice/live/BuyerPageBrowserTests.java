package dev.boxoffice.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * The buyer's seat-map page in a real browser, on a phone-sized screen: no sideways
 * scrolling of the page, prices with their section and currency, a hold counting down,
 * the tickets once bought, errors on the page instead of dialogs, sign-out, and the
 * states of an event that is cancelled or does not exist. Needs Debian's Chromium;
 * elsewhere the test is skipped unless CI is set.
 */
@IntegrationTest
class BuyerPageBrowserTests {

	static final int PHONE_WIDTH = 390;

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	Session organizer;

	UUID event;

	@BeforeEach
	void eventWithWideRows() {
		HeadlessChromium.assumeAvailable();
		Catalog catalog = new Catalog(this.client);
		this.organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID venue = catalog.createVenue(this.organizer,
				Catalog.venue("Phone", List.of(Catalog.section("A", 4550, 3, 40), Catalog.section("B", 2500, 2, 30))));
		this.event = catalog.createEvent(this.organizer, Catalog.event(venue, "Phone Show", "music", 10));
		catalog.publish(this.organizer, this.event);
	}

	@Test
	void onAPhoneABuyerHoldsWithACountdownBuysAndSeesTheTicketCodes() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		try (HeadlessChromium browser = new HeadlessChromium()) {
			browser.viewport(PHONE_WIDTH, 844, true);
			browser.open(url("/events/" + this.event));
			eventually(() -> {
				assertThat(browser.evaluate("document.querySelectorAll('.seat').length").asInt()).isEqualTo(180);
				assertThat(browser.text("#connection")).isEqualTo("live");
			});
			assertThat(browser.evaluate("document.documentElement.scrollWidth").asInt())
				.isLessThanOrEqualTo(PHONE_WIDTH);
			// The rows are wider than the screen: the map scrolls inside its own box.
			assertThat(browser.evaluate("document.getElementById('map').scrollWidth").asInt())
				.isGreaterThan(browser.evaluate("document.getElementById('map').clientWidth").asInt());
			assertThat(browser.text("#map .section h3")).isEqualTo("Section A (A) — €45.50");
			assertThat(browser.text("#prices")).contains("Section B (B): €25.00");

			browser.fill("#email", buyer.email());
			browser.fill("#password", buyer.password());
			browser.submit("#signin");
			eventually(() -> assertThat(browser.shown("#cart")).isTrue());
			browser.click("[data-seat=\"A-2-7\"]");
			browser.click("[data-seat=\"A-2-8\"]");
			browser.click("#hold");
			eventually(() -> assertThat(browser.text("#countdown")).matches("Held for [45]:[0-5][0-9]"));
			String first = browser.text("#countdown");
			assertThat(browser.text("#message")).isEqualTo("2 seat(s): €91.00");
			eventually(() -> assertThat(browser.text("#countdown")).isNotEqualTo(first));
			assertThat(browser.evaluate("document.documentElement.scrollWidth").asInt())
				.isLessThanOrEqualTo(PHONE_WIDTH);
			browser.screenshot(Path.of("target", "screenshots", "buyer-page-390.png"));

			browser.click("#buy");
			eventually(() -> assertThat(ticketCodes(browser)).hasSize(2));
			List<String> issued = new Booking(this.client).ticketCodes(buyer.bearer());
			assertThat(ticketCodes(browser)).containsExactlyInAnyOrderElementsOf(issued);
			assertThat(browser.shown("#countdown")).isFalse();
			eventually(() -> assertThat(browser.text("#sold")).isEqualTo("2"));
			assertThat(browser.evaluate("document.documentElement.scrollWidth").asInt())
				.isLessThanOrEqualTo(PHONE_WIDTH);

			browser.click("#signout");
			eventually(() -> {
				assertThat(browser.shown("#signin")).isTrue();
				assertThat(browser.shown("#cart")).isFalse();
			});
			assertThat(browser.evaluate("localStorage.getItem('boxoffice.tokens')").isNull()).isTrue();
			assertThat(browser.incidents()).isEmpty();
		}
	}

	@Test
	void aRefusedHoldIsExplainedOnThePageNotInADialog() throws Exception {
		Session buyer = new Accounts(this.client).newUser();
		try (HeadlessChromium browser = new HeadlessChromium()) {
			browser.viewport(PHONE_WIDTH, 844, true);
			browser.open(url("/events/" + this.event));
			eventually(() -> assertThat(browser.text("#connection")).isEqualTo("live"));
			browser.fill("#email", buyer.email());
			browser.fill("#password", buyer.password());
			browser.submit("#signin");
			eventually(() -> assertThat(browser.shown("#cart")).isTrue());
			browser.click("[data-seat=\"B-1-3\"]");
			// Someone else is faster.
			new Booking(this.client).holdSeats(new Accounts(this.client).newUser().bearer(), this.event, "B-1-3");
			eventually(() -> assertThat(
					browser.evaluate("document.querySelector('[data-seat=\"B-1-3\"]').dataset.status").asString())
				.isEqualTo("HELD"));
			browser.click("#hold");
			eventually(() -> assertThat(browser.text("#problem")).contains("B-1-3"));
			assertThat(browser.shown("#problem")).isTrue();
			assertThat(browser.shown("#countdown")).isFalse();
			assertThat(browser.incidents()).isEmpty();
		}
	}

	@Test
	void aCancelledEventSaysSoAndSellsNothing() throws Exception {
		this.client.post()
			.uri("/api/events/{id}/cancel", this.event)
			.header("Authorization", this.organizer.bearer())
			.exchange()
			.expectStatus()
			.isOk();
		try (HeadlessChromium browser = new HeadlessChromium()) {
			browser.viewport(PHONE_WIDTH, 844, true);
			browser.open(url("/events/" + this.event));
			eventually(() -> {
				assertThat(browser.shown("#cancelled")).isTrue();
				assertThat(browser.text("#title")).isEqualTo("Phone Show");
			});
			assertThat(browser.shown("#signin")).isFalse();
			assertThat(browser.shown("#cart")).isFalse();
			assertThat(browser.shown("#missing")).isFalse();
			assertThat(browser.incidents()).isEmpty();
		}
	}

	@Test
	void anEventThatDoesNotExistSaysSo() throws Exception {
		try (HeadlessChromium browser = new HeadlessChromium()) {
			browser.viewport(PHONE_WIDTH, 844, true);
			for (String id : List.of(UUID.randomUUID().toString(), "no-such-event")) {
				browser.open(url("/events/" + id));
				eventually(() -> {
					assertThat(browser.shown("#missing")).isTrue();
					assertThat(browser.text("#missing")).contains("No such event.");
				});
				assertThat(browser.shown("#event")).isFalse();
				assertThat(browser.shown("#cancelled")).isFalse();
				assertThat(browser.evaluate("document.documentElement.scrollWidth").asInt())
					.isLessThanOrEqualTo(PHONE_WIDTH);
			}
			assertThat(browser.incidents()).isEmpty();
		}
	}

	private static List<String> ticketCodes(HeadlessChromium browser) throws Exception {
		List<String> codes = new ArrayList<>();
		browser.evaluate("[...document.querySelectorAll('#ticket-list code')].map((code) => code.textContent)")
			.forEach((code) -> codes.add(code.asString()));
		return codes;
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
