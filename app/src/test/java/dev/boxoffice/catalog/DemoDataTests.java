package dev.boxoffice.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import dev.boxoffice.support.StandaloneApp;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo data is created on the first start and not again on the next. */
class DemoDataTests {

	@Test
	void demoDataIsCreatedOnceAcrossRestarts() throws Exception {
		for (int start = 0; start < 2; start++) {
			try (ConfigurableApplicationContext context = start()) {
				assertThat(context.isRunning()).isTrue();
			}
			assertThat(count("SELECT count(*) FROM venues v JOIN users u ON u.id = v.organizer_id "
					+ "WHERE u.email = 'organizer@demo.example'")).isEqualTo(1);
			assertThat(count("SELECT count(*) FROM events e JOIN users u ON u.id = e.organizer_id "
					+ "WHERE u.email = 'organizer@demo.example' AND e.status = 'ON_SALE'")).isEqualTo(3);
			assertThat(count("SELECT count(*) FROM seats s JOIN events e ON e.id = s.event_id JOIN users u "
					+ "ON u.id = e.organizer_id WHERE u.email = 'organizer@demo.example'")).isEqualTo(3 * 3050);
		}
	}

	private static ConfigurableApplicationContext start() {
		return StandaloneApp.start(Map.of("boxoffice.demo-data.enabled", true));
	}

	private static long count(String sql) throws Exception {
		try (Connection db = TestServices.get().jdbc(); PreparedStatement query = db.prepareStatement(sql);
				ResultSet row = query.executeQuery()) {
			row.next();
			return row.getLong(1);
		}
	}

}
