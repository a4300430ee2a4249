package dev.boxoffice.pages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.boxoffice.support.HeadlessChromium.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real browser on the sign-in page and the organizer's dashboard: an account signs up,
 * is made an organizer, signs in, lays out a venue, creates and publishes an event,
 * watches its counts move, reads its audit and cancels it; a token that no longer works
 * is refreshed, and a session that has ended says so. Needs Debian's Chromium; elsewhere
 * the test is skipped unless CI is set.
 */
@IntegrationTest
class OrganizerPagesBrowserTests {

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@BeforeEach
	void chromium() {
		HeadlessChromium.assumeAvailable();
	}

	@Test
	void anOrganizerSignsUpCreatesPublishesWatchesAuditsAndCancelsAnEvent() throws Exception {
		String email = Accounts.uniqueEmail("organizer");
		String password = "dashboard-password-" + UUID.randomUUID();
		String city = "City" + UUID.randomUUID().toString().substring(0, 8);
		try (HeadlessChromium browser = new HeadlessChromium()) {
			browser.viewport(1280, 900, false);
			browser.open(url("/signin"));
			eventually(() -> assertThat(browser.shown("#signup")).isTrue());
			browser.fill("#signup-name", "Olga Organizer");
			browser.fill("#signup-email", email);
			browser.fill("#signup-password", password);
			browser.submit("#signup");
			// A new account is a buyer: it lands on the events on sale.
			eventually(() -> assertThat(browser.evaluate("location.pathname").asString()).isEqualTo("/"));
			browser.open(url("/organizer"));
			eventually(() -> assertThat(browser.text("#gate")).contains("not an organizer"));
			assertThat(browser.shown("#dashboard")).isFalse();
			makeOrganizer(email, password);
			browser.click("#signout");
			eventually(() -> assertThat(browser.text("#gate")).contains("Sign in as an organizer"));

			browser.open(url("/signin?next=/organizer"));
			eventually(() -> assertThat(browser.shown("#signin")).isTrue());
			browser.fill("#signin-email", email);
			browser.fill("#signin-password", "wrong-" + password);
			browser.submit("#signin");
			eventually(() -> assertThat(browser.text("#signin-problem")).contains("Invalid credentials"));
			browser.fill("#signin-password", password);
			browser.submit("#signin");
			eventually(() -> {
				assertThat(browser.evaluate("location.pathname").asString()).isEqualTo("/organizer");
				assertThat(browser.shown("#no-events")).isTrue();
				assertThat(browser.text("#account")).contains(email);
			});

			browser.fill("#venue-name", "Salle Test");
			browser.fill("#venue-city", city);
			browser.submit("#venue-form");
			eventually(() -> assertThat(browser.text("#venue-created")).contains("68 seats"));

			LocalDateTime start = LocalDateTime.now().plusDays(9).truncatedTo(ChronoUnit.HOURS);
			browser.fill("#event-title", "Dashboard Recital");
			browser.fill("#event-category", "music");
			browser.fill("#event-starts", start.toString());
			browser.fill("#event-ends", start.minusHours(1).toString());
			browser.submit("#event-form");
			eventually(() -> assertThat(browser.text("#event-problem")).contains("Invalid request").contains("endsAt"));
			browser.fill("#event-ends", start.plusHours(2).toString());
			browser.submit("#event-form");
			eventually(() -> assertThat(cell(browser, "status")).isEqualTo("draft"));
			assertThat(browser.shown("#event-problem")).isFalse();
			UUID event = UUID
				.fromString(browser.evaluate("document.querySelector('#events tbody tr').dataset.event").asString());

			browser.click("#events [data-action=publish]");
			eventually(() -> {
				assertThat(cell(browser, "status")).isEqualTo("on sale");
				assertThat(cell(browser, "count.capacity")).isEqualTo("68");
				assertThat(cell(browser, "count.available")).isEqualTo("68");
			});

			Booking booking = new Booking(this.client);
			Session buyer = new Accounts(this.client).newUser();
			String bought = booking.holdSeats(buyer.bearer(), event, "A-1-1", "A-1-2");
			booking.holdSeats(new Accounts(this.client).newUser().bearer(), event, "B-2-10");
			eventually(() -> {
				assertThat(cell(browser, "count.held")).isEqualTo("3");
				assertThat(cell(browser, "count.available")).isEqualTo("65");
				assertThat(cell(browser, "count.sold")).isEqualTo("0");
			});
			assertThat(booking.purchase(buyer.bearer(), bought, "tok_ok", UUID.randomUUID().toString()).status())
				.isEqualTo(201);
			eventually(() -> {
				assertThat(cell(browser, "count.sold")).isEqualTo("2");
				assertThat(cell(browser, "count.held")).isEqualTo("1");
				assertThat(cell(browser, "count.available")).isEqualTo("65");
			});

			browser.click("#events [data-action=audit]");
			List<String> expected = new ArrayList<>();
			JsonNode report = new Booking(this.client).audit(bearerOf(email, password), event);
			report.path("checks")
				.forEach((check) -> expected.add(check.path("name").asString() + " | " + check.path("rule").asString()
						+ " | " + check.path("value").asLong() + " | ok"));
			eventually(() -> assertThat(auditRows(browser)).containsExactlyElementsOf(expected));
			assertThat(expected).hasSizeGreaterThan(5);
			assertThat(browser.text("#audit .verdict")).startsWith("Every invariant holds.");
			browser.screenshot(Path.of("target", "screenshots", "organizer-dashboard.png"));

			browser.click("#events [data-action=cancel]");
			assertThat(browser.text("#events [data-action=cancel]")).startsWith("Confirm");
			assertThat(status(event)).isEqualTo("ON_SALE");
			browser.click("#events [data-action=cancel]");
			eventually(() -> assertThat(cell(browser, "status")).isEqualTo("cancelled"));
			assertThat(status(event)).isEqualTo("CANCELLED");
			assertThat(browser.incidents()).isEmpty();
		}
	}

	@Test
	void anAccessTokenThatNoLongerWorksIsRefreshedAndTheCallRetriedOnce() throws Exception {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		UUID event = new Catalog(this.client).eventOnSale(organizer, "Refresh", 2, 5);
		try (HeadlessChromium browser = new HeadlessChromium()) {
			browser.open(url("/signin"));
			eventually(() -> assertThat(browser.shown("#signin")).isTrue());
			browser
				.evaluate("localStorage.setItem('boxoffice.tokens', JSON.stringify({accessToken: 'expired.or.forged',"
						+ " refreshToken: '" + organizer.refreshToken() + "'}))");
			browser.open(url("/organizer"));
			eventually(() -> {
				assertThat(browser.evaluate("document.querySelector('#events tbody tr').dataset.event").asString())
					.isEqualTo(event.toString());
				assertThat(cell(browser, "count.capacity")).isEqualTo("10");
			});
			JsonNode kept = browser.evaluate("JSON.parse(localStorage.getItem('boxoffice.tokens'))");
			assertThat(kept.path("refreshToken").asString()).isNotEqualTo(organizer.refreshToken());
			assertThat(kept.path("accessToken").asString()).isNotEqualTo("expired.or.forged");
			// The refresh token the page was given is used up: sent again, it would end
			// the
			// session.
			this.client.post()
				.uri("/api/auth/refresh")
				.bodyValue(Map.of("refreshToken", kept.path("refreshToken").asString()))
				.exchange()
				.expectStatus()
				.isOk();
			assertThat(browser.incidents()).isEmpty();
		}
	}

	@Test
	void aSignInThatHasEndedIsToldWithAWayToSignInAgain() throws Exception {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		new Catalog(this.client).eventOnSale(organizer, "Expired", 1, 4);
		try (HeadlessChromium browser = new HeadlessChromium()) {
			browser.open(url("/signin?next=/organizer"));
			eventually(() -> assertThat(browser.shown("#signin")).isTrue());
			browser.fill("#signin-email", organizer.email());
			browser.fill("#signin-password", organizer.password());
			browser.submit("#signin");
			eventually(() -> assertThat(cell(browser, "count.capacity")).isEqualTo("4"));

			// The session ends elsewhere (signed out on another device): both tokens stop
			// working, and the dashboard's next poll finds out.
			JsonNode kept = browser.evaluate("JSON.parse(localStorage.getItem('boxoffice.tokens'))");
			this.client.post()
				.uri("/api/auth/logout")
				.bodyValue(Map.of("refreshToken", kept.path("refreshToken").asString()))
				.exchange()
				.expectStatus()
				.isNoContent();
			eventually(() -> {
				assertThat(browser.text("#events-problem")).startsWith("Your sign-in has expired.");
				assertThat(
						browser.evaluate("document.querySelector('#events-problem a').getAttribute('href')").asString())
					.isEqualTo("/signin?next=%2Forganizer");
			});
			assertThat(browser.evaluate("localStorage.getItem('boxoffice.tokens')").isNull()).isTrue();
			browser.click("#events-problem a");
			eventually(() -> assertThat(browser.evaluate("location.pathname + location.search").asString())
				.isEqualTo("/signin?next=%2Forganizer"));

			// Coming back after the session ended: the page says so at once.
			Session ended = new Accounts(this.client).login(organizer.email(), organizer.password());
			this.client.post()
				.uri("/api/auth/logout")
				.bodyValue(Map.of("refreshToken", ended.refreshToken()))
				.exchange()
				.expectStatus()
				.isNoContent();
			browser.evaluate("localStorage.setItem('boxoffice.tokens', JSON.stringify({accessToken: '"
					+ ended.accessToken() + "', refreshToken: '" + ended.refreshToken() + "'}))");
			browser.open(url("/organizer"));
			eventually(() -> {
				assertThat(browser.text("#gate")).startsWith("Your sign-in has expired.");
				assertThat(browser.text("#gate a")).isEqualTo("Sign in again");
			});
			assertThat(browser.shown("#dashboard")).isFalse();
			assertThat(browser.incidents()).isEmpty();
		}
	}

	@Test
	void signingOutEndsTheSessionAtTheService() throws Exception {
		Session organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		try (HeadlessChromium browser = new HeadlessChromium()) {
			browser.open(url("/signin?next=/organizer"));
			eventually(() -> assertThat(browser.shown("#signin")).isTrue());
			browser.fill("#signin-email", organizer.email());
			browser.fill("#signin-password", organizer.password());
			browser.submit("#signin");
			eventually(() -> assertThat(browser.shown("#signout")).isTrue());
			String refresh = browser.evaluate("JSON.parse(localStorage.getItem('boxoffice.tokens')).refreshToken")
				.asString();
			browser.click("#signout");
			eventually(() -> {
				assertThat(browser.text("#gate")).contains("Sign in as an organizer");
				assertThat(browser.shown("#dashboard")).isFalse();
			});
			assertThat(browser.evaluate("localStorage.getItem('boxoffice.tokens')").isNull()).isTrue();
			this.client.post()
				.uri("/api/auth/refresh")
				.bodyValue(Map.of("refreshToken", refresh))
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}
	}

	private void makeOrganizer(String email, String password) {
		Accounts accounts = new Accounts(this.client);
		Session account = accounts.login(email, password);
		this.client.put()
			.uri("/api/admin/users/{id}/roles", account.userId())
			.header("Authorization", accounts.admin().bearer())
			.bodyValue(Map.of("roles", List.of("ORGANIZER")))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private String bearerOf(String email, String password) {
		return new Accounts(this.client).login(email, password).bearer();
	}

	private String status(UUID event) {
		return this.client.get()
			.uri("/api/events/{id}", event)
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.path("status")
			.asString();
	}

	private static String cell(HeadlessChromium browser, String className) throws Exception {
		return browser.text("#events tbody tr:first-child td." + className.replace(" ", "."));
	}

	private static List<String> auditRows(HeadlessChromium browser) throws Exception {
		List<String> rows = new ArrayList<>();
		browser
			.evaluate("[...document.querySelectorAll('#audit tbody tr')].map((row) => "
					+ "[...row.cells].map((cell) => cell.textContent).join(' | '))")
			.forEach((row) -> rows.add(row.asString()));
		return rows;
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
