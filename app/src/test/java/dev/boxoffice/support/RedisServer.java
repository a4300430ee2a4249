package dev.boxoffice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.awaitility.Awaitility;

import org.springframework.util.FileSystemUtils;

/**
 * A Redis server of a test's own ({@code redis-server} on a free loopback port, keeping
 * nothing on disk), so that the test can kill it, bring it back empty or wipe it without
 * touching the Redis every other test shares.
 */
public final class RedisServer implements AutoCloseable {

	private final int port;

	private final Path directory;

	private volatile Process process;

	private RedisServer(int port, Path directory) {
		this.port = port;
		this.directory = directory;
	}

	/** A server on a free port, not started yet ({@link #restart()} starts it). */
	public static RedisServer onFreePort() {
		try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			return new RedisServer(probe.getLocalPort(), Files.createTempDirectory("boxoffice-redis"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether {@code redis-server} can be run here. */
	public static boolean installed() {
		try {
			Process version = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
			version.getInputStream().readAllBytes();
			return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public int port() {
		return this.port;
	}

	/** Starts the server again (empty) if it is not running. */
	public synchronized void restart() {
		if (this.process != null && this.process.isAlive()) {
			return;
		}
		try {
			this.process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString()))
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("redis-server could not be started (is it installed?)", ex);
		}
		Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(this::answers);
	}

	/** Kills the server at once (SIGKILL): everything it held is gone. */
	public synchronized void kill() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		running.destroyForcibly();
		try {
			running.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Deletes every key, as an operator's FLUSHALL would. */
	public void wipe() {
		run((connection) -> connection.sync().flushall());
	}

	/** How many keys the server holds. */
	public long keys() {
		return run((connection) -> connection.sync().dbsize());
	}

	/** Runs {@code work} with synchronous commands on this server. */
	public <T> T redis(java.util.function.Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> work) {
		return run((connection) -> work.apply(connection.sync()));
	}

	private boolean answers() {
		try {
			return "PONG".equals(run((connection) -> connection.sync().ping()));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private <T> T run(java.util.function.Function<StatefulRedisConnection<String, String>, T> work) {
		RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", this.port));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return work.apply(connection);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	/** Stops the server and removes its directory. */
	@Override
	public void close() {
		kill();
		try {
			FileSystemUtils.deleteRecursively(this.directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
