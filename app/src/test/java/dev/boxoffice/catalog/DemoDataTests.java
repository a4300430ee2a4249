package dev.boxoffice.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import dev.boxoffice.support.Accounts;
import dev.boxoffice.support.StandaloneApp;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data is created on the first start and not again on the next; with a login
 * password (the development run's), its organizer and buyer can sign in, and the start-up
 * says how.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoDataTests {

	@Test
	void demoDataIsCreatedOnceAcrossRestarts() throws Exception {
		for (int start = 0; start < 2; start++) {
			try (ConfigurableApplicationContext context = start()) {
				assertThat(context.isRunning()).isTrue();
			}
			assertThat(count("SELECT count(*) FROM venues v JOIN users u ON u.id = v.organizer_id "
					+ "WHERE u.email = 'organizer@demo.example'"))
				.isEqualTo(1);
			assertThat(count("SELECT count(*) FROM events e JOIN users u ON u.id = e.organizer_id "
					+ "WHERE u.email = 'organizer@demo.example' AND e.status = 'ON_SALE'"))
				.isEqualTo(3);
			assertThat(count("SELECT count(*) FROM seats s JOIN events e ON e.id = s.event_id JOIN users u "
					+ "ON u.id = e.organizer_id WHERE u.email = 'organizer@demo.example'"))
				.isEqualTo(3 * 3050);
		}
	}

	@Test
	void withALoginPasswordTheDemoOrganizerAndBuyerSignInAndStartUpSaysHow(CapturedOutput output) {
		try (ConfigurableApplicationContext context = StandaloneApp.start(Map.of("boxoffice.demo-data.enabled", true,
				"boxoffice.demo-data.login-password", "demo-login-for-tests"))) {
			WebTestClient client = WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
				.build();
			Accounts accounts = new Accounts(client);
			assertThat(accounts.rolesOf(accounts.login("organizer@demo.example", "demo-login-for-tests")))
				.contains("ORGANIZER");
			assertThat(accounts.rolesOf(accounts.login("buyer@demo.example", "demo-login-for-tests")))
				.containsExactly("USER");
		}
		assertThat(output.getOut()).contains("organizer@demo.example", "buyer@demo.example", "demo-login-for-tests");
	}

	private static ConfigurableApplicationContext start() {
		return StandaloneApp.start(Map.of("boxoffice.demo-data.enabled", true));
	}

	private static long count(String sql) throws Exception {
		try (Connection db = TestServices.get().jdbc();
				PreparedStatement query = db.prepareStatement(sql);
				ResultSet row = query.executeQuery()) {
			row.next();
			return row.getLong(1);
		}
	}

}
