package dev.boxoffice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The service in a JVM of its own, on this run's database and Redis namespace, started
 * from the test class path, so that a test can kill it with SIGKILL — as an operator, the
 * kernel or a failing machine would — and start it again.
 */
public final class ServiceProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final int port;

	private ServiceProcess(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts {@code mainClass} (the application, or a test's variant of it) with the
	 * run's settings and {@code overrides}, and waits until it is ready.
	 */
	public static ServiceProcess start(Class<?> mainClass, Map<String, Object> overrides) {
		int port = freePort();
		Map<String, Object> properties = new LinkedHashMap<>(TestServicesInitializer.properties());
		properties.put("boxoffice.startup.create-database", false);
		properties.put("server.port", port);
		properties.putAll(overrides);
		List<String> command = new ArrayList<>(
				List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m", "-XX:TieredStopAtLevel=1",
						"-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
						mainClass.getName()));
		properties.forEach((name, value) -> command.add("--" + name + "=" + value));
		try {
			Path log = Files.createTempFile("boxoffice-service-", ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			ServiceProcess service = new ServiceProcess(process, log, port);
			service.awaitReady();
			return service;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitReady() {
		WebTestClient probe = client().mutate().responseTimeout(Duration.ofSeconds(2)).build();
		Awaitility.await()
			.atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.until(() -> {
				if (!this.process.isAlive()) {
					throw new AssertionError("The service exited: " + output());
				}
				return probe.get()
					.uri("/actuator/health/readiness")
					.exchange()
					.returnResult(String.class)
					.getStatus()
					.value() == 200;
			});
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	public WebTestClient client() {
		return WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(20)).build();
	}

	/** Waits until the service has printed {@code text}. */
	public void awaitPrinted(String text, Duration atMost) {
		Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> output().contains(text));
	}

	/** What the service printed so far. */
	public String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no output: " + ex + ")";
		}
	}

	/** SIGKILL: no shutdown hook, no graceful shutdown, nothing finished. */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		kill();
		try {
			Files.deleteIfExists(this.log);
		}
		catch (IOException ex) {
			// A temporary file; nothing to do.
		}
	}

	private static int freePort() {
		try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			return probe.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
