package dev.boxoffice.devrun;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The development run's PostgreSQL and Redis: for each of them that is neither configured
 * (by a property or an environment variable) nor reachable where the defaults point, one
 * is started — in a container where a Docker engine is reachable, otherwise embedded (a
 * PostgreSQL and a Redis from Maven Central, their data under
 * {@code target/dev-services}) — and stopped with the application. Configured services
 * always win: one configured but unreachable is reported by the service's own start-up
 * check, as in production.
 */
public final class DevServices implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Logger log = LoggerFactory.getLogger(DevServices.class);

	/**
	 * Where the packaged defaults come from; a value from anywhere else was configured.
	 */
	private static final String PACKAGED_DEFAULTS = "application.yaml";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		Map<String, Object> properties = new LinkedHashMap<>();
		List<DevServer> started = new ArrayList<>();
		URI postgres = URI.create(environment.getProperty("spring.r2dbc.url", "").replaceFirst("^r2dbc:(pool:)?", ""));
		String redisHost = environment.getProperty("spring.data.redis.host", "localhost");
		int redisPort = environment.getProperty("spring.data.redis.port", Integer.class, 6379);
		boolean needsPostgres = needed(environment, "spring.r2dbc.url", postgres.getHost(), port(postgres, 5432));
		boolean needsRedis = needed(environment, "spring.data.redis.host", redisHost, redisPort);
		boolean docker = (needsPostgres || needsRedis) && dockerReachable();
		if (needsPostgres) {
			DevServer server = docker ? DevServer.postgresContainer() : DevServer.embeddedPostgres();
			started.add(server);
			int port = server.port();
			String database = postgres.getPath().isEmpty() ? "/boxoffice" : postgres.getPath();
			properties.put("spring.r2dbc.url", "r2dbc:postgresql://localhost:" + port + database);
			properties.put("spring.flyway.url", "jdbc:postgresql://localhost:" + port + database);
			properties.put("spring.r2dbc.username", server.user());
			properties.put("spring.r2dbc.password", server.password());
		}
		if (needsRedis) {
			DevServer server = docker ? DevServer.redisContainer() : DevServer.embeddedRedis();
			started.add(server);
			properties.put("spring.data.redis.host", "localhost");
			properties.put("spring.data.redis.port", server.port());
		}
		if (!properties.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource("boxoffice-dev-services", properties));
			context.addApplicationListener((ContextClosedEvent closed) -> started.forEach(DevServer::stop));
			Runtime.getRuntime()
				.addShutdownHook(new Thread(() -> started.forEach(DevServer::stop), "dev-services-stop"));
		}
	}

	/** A service to start: not configured, and not reachable at the packaged default. */
	private static boolean needed(ConfigurableEnvironment environment, String property, String host, int port) {
		if (reachable(host, port)) {
			return false;
		}
		PropertySource<?> source = environment.getPropertySources()
			.stream()
			// (Skipping the view of all sources that Spring Boot puts first.)
			.filter((candidate) -> !"configurationProperties".equals(candidate.getName())
					&& candidate.containsProperty(property))
			.findFirst()
			.orElse(null);
		if (source != null && !source.getName().contains(PACKAGED_DEFAULTS)) {
			log.info("{} is configured ({}): using it, not starting one", property, source.getName());
			return false;
		}
		return true;
	}

	private static boolean reachable(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int port(URI uri, int fallback) {
		return (uri.getPort() > 0) ? uri.getPort() : fallback;
	}

	private static boolean dockerReachable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
