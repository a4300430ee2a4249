package dev.boxoffice.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.testcontainers.DockerClientFactory;

/**
 * The PostgreSQL and Redis one test run uses, decided once per JVM.
 * <p>
 * With a reachable Docker engine (and {@code BOXOFFICE_TEST_SERVICES} not {@code local})
 * the run starts its own PostgreSQL and Redis containers with Testcontainers, shared by
 * every application context of the run. Otherwise it uses the local servers
 * ({@code BOXOFFICE_TEST_PG_HOST}, {@code _PG_PORT}, {@code _PG_USER},
 * {@code _PG_PASSWORD}, {@code BOXOFFICE_TEST_REDIS_HOST}, {@code _REDIS_PORT}; defaults
 * 127.0.0.1:5432 as postgres, 127.0.0.1:6379): the run creates its own database and Redis
 * key prefix, and drops both when the JVM exits. Leftovers of runs that were killed are
 * removed by later runs once they are {@link #STALE_AFTER} old.
 */
public final class TestServices {

	static final Duration STALE_AFTER = Duration.ofHours(6);

	private static final String DATABASE_PREFIX = "boxoffice_test_";

	/** Redis sorted set of the key prefixes of live runs, scored by start time. */
	private static final String RUNS_KEY = "boxoffice-test-runs";

	private static final TestServices INSTANCE = new TestServices();

	private final boolean containers;

	private final String runId;

	private final String pgHost;

	private final int pgPort;

	private final String pgUser;

	private final String pgPassword;

	private final String redisHost;

	private final int redisPort;

	private TestServices() {
		this.runId = Instant.now().getEpochSecond() + "_"
				+ Integer.toString(ThreadLocalRandom.current().nextInt(1 << 24), 36);
		this.containers = wantsContainers();
		if (this.containers) {
			ContainerServices started = ContainerServices.start(database());
			this.pgHost = started.postgres().getHost();
			this.pgPort = started.postgres().getFirstMappedPort();
			this.pgUser = started.postgres().getUsername();
			this.pgPassword = started.postgres().getPassword();
			this.redisHost = started.redis().getHost();
			this.redisPort = started.redis().getFirstMappedPort();
			return;
		}
		this.pgHost = env("BOXOFFICE_TEST_PG_HOST", "127.0.0.1");
		this.pgPort = Integer.parseInt(env("BOXOFFICE_TEST_PG_PORT", "5432"));
		this.pgUser = env("BOXOFFICE_TEST_PG_USER", "postgres");
		this.pgPassword = env("BOXOFFICE_TEST_PG_PASSWORD", "");
		this.redisHost = env("BOXOFFICE_TEST_REDIS_HOST", "127.0.0.1");
		this.redisPort = Integer.parseInt(env("BOXOFFICE_TEST_REDIS_PORT", "6379"));
		removeStaleRuns();
		createDatabase();
		registerRun();
		Runtime.getRuntime().addShutdownHook(new Thread(this::cleanUp, "test-services-cleanup"));
	}

	public static TestServices get() {
		return INSTANCE;
	}

	public boolean usesContainers() {
		return this.containers;
	}

	/** Name of this run's database. */
	public String database() {
		return DATABASE_PREFIX + this.runId;
	}

	/** Prefix of every Redis key this run writes. */
	public String keyPrefix() {
		return "t" + this.runId + ":";
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://" + this.pgHost + ":" + this.pgPort + "/" + database();
	}

	public String r2dbcUrl() {
		return "r2dbc:postgresql://" + this.pgHost + ":" + this.pgPort + "/" + database();
	}

	public String pgHost() {
		return this.pgHost;
	}

	public int pgPort() {
		return this.pgPort;
	}

	public String pgUser() {
		return this.pgUser;
	}

	public String pgPassword() {
		return this.pgPassword;
	}

	public String redisHost() {
		return this.redisHost;
	}

	public int redisPort() {
		return this.redisPort;
	}

	/** Spring properties pointing the application at this run's services. */
	public Map<String, Object> applicationProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("boxoffice.redis.key-prefix", keyPrefix());
		properties.put("spring.r2dbc.url", r2dbcUrl());
		properties.put("spring.r2dbc.username", this.pgUser);
		properties.put("spring.r2dbc.password", this.pgPassword);
		properties.put("spring.flyway.url", jdbcUrl());
		properties.put("spring.data.redis.host", this.redisHost);
		properties.put("spring.data.redis.port", this.redisPort);
		return properties;
	}

	/**
	 * A JDBC connection to this run's database, for checks made behind the API's back.
	 */
	public Connection jdbc() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), this.pgUser, this.pgPassword);
	}

	/** Runs {@code work} with synchronous Redis commands (tests only). */
	public <T> T redis(java.util.function.Function<RedisCommands<String, String>, T> work) {
		RedisClient client = RedisClient.create(RedisURI.create(this.redisHost, this.redisPort));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return work.apply(connection.sync());
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	/** Keys this run has left in Redis. */
	public List<String> keysOfThisRun() {
		return redis((commands) -> scan(commands, keyPrefix()));
	}

	private static boolean wantsContainers() {
		String mode = env("BOXOFFICE_TEST_SERVICES", "auto").toLowerCase(Locale.ROOT);
		if (mode.equals("local")) {
			return false;
		}
		boolean docker = dockerSocketLikely() && DockerClientFactory.instance().isDockerAvailable();
		if (mode.equals("containers") && !docker) {
			throw new IllegalStateException("BOXOFFICE_TEST_SERVICES=containers but no Docker engine is reachable");
		}
		return docker;
	}

	/** Saves asking Testcontainers (and its error report) where no engine can be. */
	private static boolean dockerSocketLikely() {
		return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
	}

	private Connection maintenance() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://" + this.pgHost + ":" + this.pgPort + "/postgres",
				this.pgUser, this.pgPassword);
	}

	private void createDatabase() {
		try (Connection connection = maintenance(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Tests need PostgreSQL at " + this.pgHost + ":" + this.pgPort
					+ " (set BOXOFFICE_TEST_PG_HOST/PORT/USER/PASSWORD, or run `bash .ci/run`)", ex);
		}
	}

	private void registerRun() {
		redis((commands) -> commands.zadd(RUNS_KEY, Instant.now().getEpochSecond(), keyPrefix()));
	}

	private void cleanUp() {
		try (Connection connection = maintenance(); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database() + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			System.err.println("Could not drop test database " + database() + ": " + ex.getMessage());
		}
		redis((commands) -> {
			deleteKeys(commands, keyPrefix());
			return commands.zrem(RUNS_KEY, keyPrefix());
		});
	}

	/** Drops databases and Redis keys of earlier runs that died without cleaning up. */
	private void removeStaleRuns() {
		long cutoff = Instant.now().minus(STALE_AFTER).getEpochSecond();
		try (Connection connection = maintenance(); Statement statement = connection.createStatement()) {
			List<String> stale = new ArrayList<>();
			try (ResultSet rows = statement
				.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + DATABASE_PREFIX + "%'")) {
				while (rows.next()) {
					String name = rows.getString(1);
					if (startedBefore(name.substring(DATABASE_PREFIX.length()), cutoff)) {
						stale.add(name);
					}
				}
			}
			for (String name : stale) {
				try {
					statement.execute("DROP DATABASE IF EXISTS " + name);
				}
				catch (SQLException inUse) {
					// Still connected to: not ours to remove.
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Tests need PostgreSQL at " + this.pgHost + ":" + this.pgPort, ex);
		}
		redis((commands) -> {
			for (String prefix : commands.zrangebyscore(RUNS_KEY, io.lettuce.core.Range.create(0, cutoff))) {
				deleteKeys(commands, prefix);
				commands.zrem(RUNS_KEY, prefix);
			}
			return null;
		});
	}

	private static boolean startedBefore(String runId, long cutoff) {
		int end = runId.indexOf('_');
		try {
			return end > 0 && Long.parseLong(runId.substring(0, end)) < cutoff;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static List<String> scan(RedisCommands<String, String> commands, String prefix) {
		List<String> keys = new ArrayList<>();
		ScanArgs args = ScanArgs.Builder.matches(prefix + "*").limit(1000);
		KeyScanCursor<String> cursor = commands.scan(ScanCursor.INITIAL, args);
		keys.addAll(cursor.getKeys());
		while (!cursor.isFinished()) {
			cursor = commands.scan(cursor, args);
			keys.addAll(cursor.getKeys());
		}
		return keys;
	}

	private static void deleteKeys(RedisCommands<String, String> commands, String prefix) {
		List<String> keys = scan(commands, prefix);
		for (int i = 0; i < keys.size(); i += 500) {
			commands.unlink(keys.subList(i, Math.min(keys.size(), i + 500)).toArray(String[]::new));
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
