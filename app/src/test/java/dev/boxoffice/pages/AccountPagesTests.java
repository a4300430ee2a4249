package dev.boxoffice.pages;

import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in page and the dashboard are served to anyone, as plain files under the
 * strict content security policy, while the API behind them stays guarded.
 */
@IntegrationTest
class AccountPagesTests {

	@Autowired
	WebTestClient client;

	@Test
	void theSignInPageAndTheDashboardAreServedWithTheirScriptsAndNothingInline() {
		assertThat(page("/signin", MediaType.TEXT_HTML)).contains("<script src=\"/api.js\"")
			.contains("<script src=\"/signin.js\"")
			.contains("id=\"signup\"")
			.doesNotContain("<script>")
			.doesNotContainPattern("\\son[a-z]+\\s*=");
		assertThat(page("/organizer", MediaType.TEXT_HTML)).contains("<script src=\"/organizer.js\"")
			.contains("<script src=\"/organizer-forms.js\"")
			.doesNotContain("<script>");
		assertThat(page("/api.js", MediaType.valueOf("text/javascript"))).contains("/api/auth/refresh")
			.doesNotContain("alert(");
		for (String script : new String[] { "/signin.js", "/organizer.js", "/organizer-forms.js", "/event.js",
				"/event-places.js", "/index.js" }) {
			assertThat(page(script, MediaType.valueOf("text/javascript"))).as(script).doesNotContain("alert(");
		}
	}

	@Test
	void theDashboardsApiStillNeedsAToken() {
		this.client.post().uri("/api/venues").bodyValue("{}").exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/signin.html").exchange().expectStatus().isUnauthorized();
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
