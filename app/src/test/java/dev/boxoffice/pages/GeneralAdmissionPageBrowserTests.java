package dev.boxoffice.pages;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.Accounts.Session;
import dev.boxoffice.support.Booking;
import dev.boxoffice.support.Catalog;
import dev.boxoffice.support.HeadlessChromium;
import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.boxoffice.support.HeadlessChromium.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seat-map page of an event that sells places without a seat, in a real browser on a
 * phone-sized screen: no empty map but a word that there are no seats, each
 * general-admission type with its price now (the tier in force) and its places left,
 * live; a quantity picker within the type's bounds; places held alone or with seats, and
 * bought. Needs Debian's Chromium; elsewhere skipped unless CI is set.
 */
@IntegrationTest
class GeneralAdmissionPageBrowserTests {

	static final int PHONE_WIDTH = 390;

	static final int POOL = 20;

	static final int EARLY = 5;

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	Session organizer;

	UUID venue;

	@BeforeEach
	void organizerWithAVenue() {
		HeadlessChromium.assumeAvailable();
		this.organizer = new Accounts(this.client).newUserWithRoles("ORGANIZER");
		this.venue = new Catalog(this.client).createVenue(this.organizer, Map.of("name", "L'Aéronef", "city", "Lille",
				"address", "168 avenue Willy Brandt", "sections", List.of(Catalog.section("A", 2500, 2, 8))));
	}

	@Test
	void onAPhoneABuyerPicksTwoPlacesHoldsAndBuysThemAndSeesThePlacesLeftLive() throws Exception {
		UUID event = onSale(List.of(standing()));
		String standing = typeId(event, "Standing");
		Session buyer = new Accounts(this.client).newUser();
		String card = "[data-type=\"" + standing + "\"] ";
		try (HeadlessChromium browser = new HeadlessChromium()) {
			browser.viewport(PHONE_WIDTH, 844, true);
			browser.open(url("/events/" + event));
			eventually(() -> {
				assertThat(browser.text("#connection")).isEqualTo("live");
				assertThat(browser.text(card + ".places-left")).isEqualTo("20");
			});
			// Places only: no empty map, no seat counts, but a word saying so.
			assertThat(browser.shown("#no-seats")).isTrue();
			assertThat(browser.text("#no-seats")).contains("No seats at this event");
			assertThat(browser.shown("#map")).isFalse();
			assertThat(browser.shown("#available")).isFalse();
			assertThat(browser.evaluate("document.querySelectorAll('.seat').length").asInt()).isZero();
			assertThat(browser.text(card + ".place-price")).isEqualTo("€30.00");
			assertThat(browser.text(card + ".tier-name")).isEqualTo("Early bird");
			assertThat(browser.text(card + ".tiers")).contains("Early bird €30.00", "5 of 5 left at this price",
					"Then €40.00");
			assertThat(browser.evaluate("document.querySelector('" + card + "input').disabled").asBoolean()).isTrue();

			signIn(browser, buyer);
			// The picker goes no further than the type's most to an order.
			for (int i = 0; i < 8; i++) {
				browser.click(card + "[data-step=\"1\"]");
			}
			assertThat(value(browser, card + "input")).isEqualTo("6");
			assertThat(browser.evaluate("document.querySelector('" + card + "[data-step=\"1\"]').disabled").asBoolean())
				.isTrue();
			browser.fill(card + "input", "7");
			eventually(() -> assertThat(browser.text(card + ".place-rule")).isEqualTo("At most 6 to an order."));
			assertThat(browser.evaluate("document.getElementById('hold').disabled").asBoolean()).isTrue();
			browser.fill(card + "input", "0");
			browser.click(card + "[data-step=\"1\"]");
			browser.click(card + "[data-step=\"1\"]");
			eventually(() -> assertThat(browser.text("#selection")).isEqualTo("Standing × 2"));

			browser.click("#hold");
			eventually(() -> assertThat(browser.text("#countdown")).as(problem(browser))
				.matches("Held for [45]:[0-5][0-9]"));
			assertThat(browser.text("#message")).isEqualTo("2 place(s): €60.00");
			assertThat(browser.text("#selection")).isEqualTo("Standing × 2 at €30.00 (Early bird)");
			eventually(() -> {
				assertThat(browser.text(card + ".places-left")).isEqualTo("18");
				assertThat(browser.text(card + ".tiers")).contains("3 of 5 left at this price");
			});
			assertThat(browser.evaluate("document.documentElement.scrollWidth").asInt())
				.isLessThanOrEqualTo(PHONE_WIDTH);
			browser.viewport(PHONE_WIDTH, 1100, true);
			browser.screenshot(Path.of("target", "screenshots", "general-admission-page.png"));
			browser.viewport(PHONE_WIDTH, 844, true);

			browser.click("#buy");
			eventually(() -> assertThat(ticketCodes(browser)).hasSize(2));
			assertThat(ticketCodes(browser)).containsExactlyInAnyOrderElementsOf(issuedCodes(buyer));
			assertThat(browser.text("#ticket-list")).contains("Standing");
			assertThat(browser.text("#message")).startsWith("Bought: 2 ticket(s), €60.00.");
			assertThat(browser.text(card + ".places-left")).isEqualTo("18");

			// Another buyer holds the rest of the early birds through the API: the page
			// shows fewer places left and the next price, without being reloaded.
			holdPlaces(event, standing, 3);
			eventually(() -> {
				assertThat(browser.text(card + ".places-left")).isEqualTo("15");
				assertThat(browser.text(card + ".place-price")).isEqualTo("€40.00");
				assertThat(browser.text(card + ".tier-name")).isEmpty();
				assertThat(browser.text(card + ".tiers")).contains("sold out");
			});

			// What is left bounds the picker, live: six asked for, then only three left.
			for (int i = 0; i < 6; i++) {
				browser.click(card + "[data-step=\"1\"]");
			}
			assertThat(value(browser, card + "input")).isEqualTo("6");
			holdPlaces(event, standing, 6);
			holdPlaces(event, standing, 6);
			eventually(() -> {
				assertThat(browser.text(card + ".places-left")).isEqualTo("3");
				assertThat(browser.text(card + ".place-rule")).isEqualTo("Only 3 left.");
			});
			assertThat(browser.evaluate("document.getElementById('hold').disabled").asBoolean()).isTrue();
			browser.click(card + "[data-step=\"-1\"]");
			assertThat(value(browser, card + "input")).isEqualTo("3");
			assertThat(browser.text(card + ".place-rule")).isEqualTo("1–6 to an order");
			assertThat(browser.evaluate("document.getElementById('hold').disabled").asBoolean()).isFalse();
			assertThat(browser.evaluate("document.documentElement.scrollWidth").asInt())
				.isLessThanOrEqualTo(PHONE_WIDTH);
			assertThat(browser.incidents()).isEmpty();
		}
	}

	@Test
	void placesAreHeldTogetherWithSeatsAndASeatedTierShowsItsPrice() throws Exception {
		Map<String, Object> seated = new LinkedHashMap<>();
		seated.put("name", "Stalls");
		seated.put("kind", "SEATED");
		seated.put("sections", List.of("A"));
		seated.put("priceCents", 2500);
		seated.put("tiers", List.of(Map.of("name", "Launch", "priceCents", 2000, "quantity", 4)));
		UUID event = onSale(List.of(seated, standing()));
		Session buyer = new Accounts(this.client).newUser();
		try (HeadlessChromium browser = new HeadlessChromium()) {
			browser.viewport(1280, 900, false);
			browser.open(url("/events/" + event));
			eventually(() -> {
				assertThat(browser.text("#connection")).isEqualTo("live");
				assertThat(browser.evaluate("document.querySelectorAll('.seat').length").asInt()).isEqualTo(16);
			});
			assertThat(browser.shown("#no-seats")).isFalse();
			assertThat(browser.shown("#places")).isTrue();
			assertThat(browser.text("#map .section h3")).isEqualTo("Section A (A) — €20.00 (Launch)");
			assertThat(browser.text("#prices")).contains("Section A (A): €20.00 (Launch)");

			signIn(browser, buyer);
			browser.click("[data-seat=\"A-1-3\"]");
			String card = "[data-type=\"" + typeId(event, "Standing") + "\"] ";
			browser.click(card + "[data-step=\"1\"]");
			eventually(() -> assertThat(browser.text("#selection")).isEqualTo("A-1-3, Standing × 1"));
			browser.click("#hold");
			eventually(() -> assertThat(browser.text("#message")).as(problem(browser))
				.isEqualTo("1 seat(s) and 1 place(s): €50.00"));
			browser.screenshot(Path.of("target", "screenshots", "general-admission-with-seats.png"));
			browser.click("#buy");
			eventually(() -> assertThat(ticketCodes(browser)).hasSize(2));
			assertThat(browser.text("#ticket-list")).contains("A-1-3", "Standing");
			eventually(() -> {
				assertThat(browser.text("#sold")).isEqualTo("1");
				assertThat(browser.text(card + ".places-left")).isEqualTo("19");
			});
			assertThat(browser.incidents()).isEmpty();
		}
	}

	/** Standing places on a floor of {@link #POOL}, the first {@link #EARLY} cheaper. */
	private static Map<String, Object> standing() {
		return Map.of("name", "Standing", "kind", "GENERAL_ADMISSION", "pools", List.of("floor"), "priceCents", 4000,
				"maxPerOrder", 6, "tiers",
				List.of(Map.of("name", "Early bird", "priceCents", 3000, "quantity", EARLY)));
	}

	private UUID onSale(List<Map<String, Object>> ticketTypes) {
		Catalog catalog = new Catalog(this.client);
		Map<String, Object> body = Catalog.event(this.venue, "Club night", "music", 10);
		body.put("pools", List.of(Map.of("name", "floor", "capacity", POOL)));
		body.put("ticketTypes", ticketTypes);
		UUID event = catalog.createEvent(this.organizer, body);
		catalog.publish(this.organizer, event);
		return event;
	}

	/** Another buyer holds places of the type through the API. */
	private void holdPlaces(UUID event, String type, int quantity) {
		Booking.Answer hold = new Booking(this.client).hold(new Accounts(this.client).newUser().bearer(), event,
				Map.of("items", List.of(Map.of("ticketTypeId", type, "quantity", quantity))));
		assertThat(hold.status()).as("%s", hold.body()).isEqualTo(201);
	}

	private String typeId(UUID event, String name) {
		JsonNode view = this.client.get()
			.uri("/api/events/{id}", event)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		return view.path("ticketTypes")
			.valueStream()
			.filter((type) -> type.path("name").asString().equals(name))
			.findFirst()
			.orElseThrow()
			.path("id")
			.asString();
	}

	private static void signIn(HeadlessChromium browser, Session buyer) throws Exception {
		browser.fill("#email", buyer.email());
		browser.fill("#password", buyer.password());
		browser.submit("#signin");
		eventually(() -> assertThat(browser.shown("#cart")).isTrue());
	}

	private List<String> issuedCodes(Session buyer) {
		return new Booking(this.client).ticketCodes(buyer.bearer());
	}

	/** What the page shows as the problem, if any, to explain a failed assertion. */
	private static String problem(HeadlessChromium browser) throws Exception {
		return "problem shown: " + browser.text("#problem") + "; hold disabled: "
				+ browser.evaluate("document.getElementById('hold').disabled").asBoolean();
	}

	private static String value(HeadlessChromium browser, String selector) throws Exception {
		return browser.evaluate("document.querySelector('" + selector.replace("'", "\\'") + "').value").asString();
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
