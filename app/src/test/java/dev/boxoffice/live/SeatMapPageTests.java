package dev.boxoffice.live;

import java.util.UUID;

import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages are served to anyone, as plain files, under the strict content security
 * policy.
 */
@IntegrationTest
class SeatMapPageTests {

	@Autowired
	WebTestClient client;

	@Test
	void theIndexAndTheSeatMapAreServedWithTheirScriptsAndStyles() {
		String index = page("/", MediaType.TEXT_HTML);
		assertThat(index).contains("<script src=\"/index.js\"").doesNotContain("<script>");
		String seatMap = page("/events/" + UUID.randomUUID(), MediaType.TEXT_HTML);
		assertThat(seatMap).contains("id=\"map\"").contains("<script src=\"/event.js\"").doesNotContain("<script>");
		assertThat(page("/event.js", MediaType.valueOf("text/javascript"))).contains("new EventSource(");
		assertThat(page("/app.css", MediaType.valueOf("text/css"))).contains(".seat.HELD");
	}

	private String page(String path, MediaType type) {
		return this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(type)
			.expectHeader()
			.valueMatches("Content-Security-Policy", ".*script-src 'self'.*")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
