package dev.boxoffice.platform.startup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;

/**
 * Opens one JDBC connection with the migration credentials, on the start-up thread,
 * before Flyway runs. Creates the database when it is missing and that is allowed.
 */
final class PostgresCheck {

	private static final Logger log = LoggerFactory.getLogger(PostgresCheck.class);

	private static final String INVALID_CATALOG = "3D000";

	private final FlywayConnectionDetails details;

	private final Duration timeout;

	PostgresCheck(FlywayConnectionDetails details, Duration timeout) {
		this.details = details;
		this.timeout = timeout;
	}

	void verify(boolean createMissingDatabase) {
		String url = this.details.getJdbcUrl();
		Properties parsed = Driver.parseURL(url, null);
		String address = (parsed != null)
				? PGProperty.PG_HOST.getOrDefault(parsed) + ":" + PGProperty.PG_PORT.getOrDefault(parsed) : url;
		try {
			connect(url).close();
		}
		catch (SQLException ex) {
			if (INVALID_CATALOG.equals(ex.getSQLState()) && createMissingDatabase && parsed != null) {
				createDatabase(url, PGProperty.PG_DBNAME.getOrDefault(parsed), address);
				return;
			}
			throw new BackingServiceUnavailableException(BackingService.POSTGRESQL, address, ex);
		}
	}

	private void createDatabase(String url, String database, String address) {
		String maintenanceUrl = url.replaceFirst("/" + java.util.regex.Pattern.quote(database) + "(?=\\?|$)",
				"/postgres");
		try (Connection connection = connect(maintenanceUrl); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
			log.warn("Created database '{}' on {} (boxoffice.startup.create-database=true)", database, address);
		}
		catch (SQLException ex) {
			throw new BackingServiceUnavailableException(BackingService.POSTGRESQL, address, ex);
		}
	}

	private Connection connect(String url) throws SQLException {
		Properties properties = new Properties();
		if (this.details.getUsername() != null) {
			properties.setProperty("user", this.details.getUsername());
		}
		if (this.details.getPassword() != null) {
			properties.setProperty("password", this.details.getPassword());
		}
		String seconds = Long.toString(Math.max(1, this.timeout.toSeconds()));
		properties.setProperty(PGProperty.CONNECT_TIMEOUT.getName(), seconds);
		properties.setProperty(PGProperty.LOGIN_TIMEOUT.getName(), seconds);
		return DriverManager.getConnection(url, properties);
	}

}
