package dev.boxoffice.platform.database;

import java.time.Duration;

import dev.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every pooled session carries the configured statement and lock timeouts. */
@IntegrationTest
class DatabaseLimitsTests {

	@Autowired
	DatabaseClient db;

	@Test
	void sessionsStartWithTheConfiguredTimeouts() {
		// More reads than the pool has connections at first, so that more than one
		// session is asked.
		for (int i = 0; i < 12; i++) {
			assertThat(show("statement_timeout")).isEqualTo("30s");
			assertThat(show("lock_timeout")).isEqualTo("10s");
		}
	}

	private String show(String setting) {
		return this.db.sql("SHOW " + setting)
			.map((row) -> row.get(0, String.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

}
