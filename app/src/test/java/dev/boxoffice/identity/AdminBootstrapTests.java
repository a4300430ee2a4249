package dev.boxoffice.identity;

import java.util.Map;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.IntegrationTest;
import dev.boxoffice.support.StandaloneApp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bootstrap administrator: an account someone registered first under the configured
 * address is not promoted unless it has the configured password.
 */
@IntegrationTest
class AdminBootstrapTests {

	@Autowired
	WebTestClient client;

	@Test
	void anAccountRegisteredByAStrangerIsNotPromoted() {
		String email = Accounts.uniqueEmail("would-be-admin");
		new Accounts(this.client).register(email, "stranger-password", "Stranger");
		assertThatThrownBy(() -> start(email, "configured-password").close())
			.hasStackTraceContaining("refusing to promote it");
		assertThat(new Accounts(this.client).rolesOf(new Accounts(this.client).login(email, "stranger-password")))
			.containsExactly("USER");
	}

	@Test
	void anAccountWithTheConfiguredPasswordIsPromoted() {
		String email = Accounts.uniqueEmail("future-admin");
		new Accounts(this.client).register(email, "configured-password", "Future Admin");
		start(email, "configured-password").close();
		assertThat(new Accounts(this.client).rolesOf(new Accounts(this.client).login(email, "configured-password")))
			.containsExactly("ADMIN", "USER");
	}

	private static ConfigurableApplicationContext start(String adminEmail, String adminPassword) {
		return StandaloneApp
			.start(Map.of("boxoffice.admin.email", adminEmail, "boxoffice.admin.password", adminPassword));
	}

}
