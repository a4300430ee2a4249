package dev.boxoffice.platform.startup;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.boxoffice.support.StandaloneApp;
import dev.boxoffice.support.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Start-up stops with a report that names the missing service, its address and what to
 * do, instead of a stack trace from deep inside a driver.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	static final TestServices services = TestServices.get();

	@Test
	void unreachableRedisStopsStartupNamingRedisAndItsAddress(CapturedOutput output) throws Exception {
		int closedPort = closedPort();
		assertThatThrownBy(() -> start(List.of("--spring.data.redis.port=" + closedPort)))
			.hasRootCauseInstanceOf(java.net.ConnectException.class)
			.satisfies((ex) -> assertThat(findCause(ex)).satisfies((cause) -> {
				assertThat(cause.service()).isEqualTo(BackingService.REDIS);
				assertThat(cause.address()).isEqualTo("127.0.0.1:" + closedPort);
			}));
		assertThat(output.getOut() + output.getErr())
			.contains("Boxoffice cannot start: Redis is not reachable at 127.0.0.1:" + closedPort)
			.contains("Start Redis");
	}

	@Test
	void unreachablePostgresStopsStartupBeforeMigrations(CapturedOutput output) throws Exception {
		int closedPort = closedPort();
		assertThatThrownBy(() -> start(List.of("--spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:" + closedPort + "/x",
				"--spring.flyway.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/x")))
			.satisfies((ex) -> assertThat(findCause(ex).service()).isEqualTo(BackingService.POSTGRESQL));
		assertThat(output.getOut() + output.getErr())
			.contains("Boxoffice cannot start: PostgreSQL is not reachable at 127.0.0.1:" + closedPort)
			.contains("Start PostgreSQL")
			.doesNotContain("Migrating schema");
	}

	@Test
	void invalidSettingFailsStartupNamingTheProperty(CapturedOutput output) {
		assertThatThrownBy(() -> start(List.of("--boxoffice.startup.check-timeout=0s"))).isInstanceOf(Exception.class);
		assertThat(output.getOut() + output.getErr()).contains("boxoffice.startup")
			.contains("checkTimeout")
			.contains("must be longer than or equal to 100 millis");
	}

	@Test
	void missingDatabaseIsCreatedWhenAllowed() throws Exception {
		String database = services.database() + "_created";
		String jdbc = "jdbc:postgresql://" + services.pgHost() + ":" + services.pgPort() + "/" + database;
		try (ConfigurableApplicationContext context = start(List.of("--boxoffice.startup.create-database=true",
				"--spring.r2dbc.url=r2dbc:postgresql://" + services.pgHost() + ":" + services.pgPort() + "/" + database,
				"--spring.flyway.url=" + jdbc))) {
			assertThat(context.isRunning()).isTrue();
			assertThat(databases()).contains(database);
		}
		finally {
			try (Connection connection = services.jdbc(); Statement statement = connection.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			}
		}
	}

	@Test
	void missingDatabaseIsReportedWhenCreationIsOff(CapturedOutput output) {
		String database = services.database() + "_absent";
		assertThatThrownBy(() -> start(List.of("--boxoffice.startup.create-database=false",
				"--spring.flyway.url=jdbc:postgresql://" + services.pgHost() + ":" + services.pgPort() + "/"
						+ database)))
			.satisfies((ex) -> assertThat(findCause(ex).service()).isEqualTo(BackingService.POSTGRESQL));
		assertThat(output.getOut() + output.getErr()).contains("database \"" + database + "\" does not exist");
	}

	/** Starts the application with {@code --name=value} overrides. */
	private static ConfigurableApplicationContext start(List<String> overrides) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (String override : overrides) {
			String[] pair = override.substring(2).split("=", 2);
			properties.put(pair[0], pair[1]);
		}
		return StandaloneApp.start(properties);
	}

	private static BackingServiceUnavailableException findCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BackingServiceUnavailableException unavailable) {
				return unavailable;
			}
		}
		throw new AssertionError("no BackingServiceUnavailableException in", ex);
	}

	private static List<String> databases() throws Exception {
		List<String> names = new ArrayList<>();
		try (Connection connection = services.jdbc();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
			while (rows.next()) {
				names.add(rows.getString(1));
			}
		}
		return names;
	}

	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
