package dev.boxoffice.devrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import redis.embedded.RedisServer;

/** A PostgreSQL or Redis the development run started, and how to reach and stop it. */
interface DevServer {

	Logger log = LoggerFactory.getLogger(DevServer.class);

	/**
	 * Where embedded servers keep their data: kept between runs, gone with
	 * {@code mvn clean}.
	 */
	Path DATA = Path.of("target", "dev-services");

	int port();

	default String user() {
		return "postgres";
	}

	default String password() {
		return "";
	}

	void stop();

	static DevServer embeddedPostgres() {
		if ("root".equals(System.getProperty("user.name"))) {
			throw new DevServicesUnavailableException("PostgreSQL",
					"PostgreSQL refuses to run as root (initdb: cannot be run as root), and this run is root's",
					"Start PostgreSQL yourself (see README.md), point SPRING_R2DBC_URL at one, or run the "
							+ "service as an ordinary user.");
		}
		try {
			Path data = Files.createDirectories(DATA.resolve("postgres"));
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setPort(freePort(5432))
				.setDataDirectory(data)
				.setCleanDataDirectory(false)
				.start();
			log.info("Started an embedded PostgreSQL on localhost:{} (data in {})", postgres.getPort(),
					data.toAbsolutePath());
			return new DevServer() {
				@Override
				public int port() {
					return postgres.getPort();
				}

				@Override
				public void stop() {
					try {
						postgres.close();
					}
					catch (IOException ex) {
						log.warn("The embedded PostgreSQL did not stop cleanly", ex);
					}
				}
			};
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The embedded PostgreSQL could not be started", ex);
		}
	}

	static DevServer embeddedRedis() {
		try {
			int port = freePort(6379);
			RedisServer redis = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			redis.start();
			log.info("Started an embedded Redis on localhost:{}", port);
			return new DevServer() {
				@Override
				public int port() {
					return port;
				}

				@Override
				public void stop() {
					try {
						redis.stop();
					}
					catch (IOException ex) {
						log.warn("The embedded Redis did not stop cleanly", ex);
					}
				}
			};
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The embedded Redis could not be started", ex);
		}
	}

	@SuppressWarnings("resource")
	static DevServer postgresContainer() {
		PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15-alpine").withDatabaseName("boxoffice");
		postgres.start();
		log.info("Started PostgreSQL in a container on localhost:{}", postgres.getFirstMappedPort());
		return new DevServer() {
			@Override
			public int port() {
				return postgres.getFirstMappedPort();
			}

			@Override
			public String user() {
				return postgres.getUsername();
			}

			@Override
			public String password() {
				return postgres.getPassword();
			}

			@Override
			public void stop() {
				postgres.stop();
			}
		};
	}

	@SuppressWarnings("resource")
	static DevServer redisContainer() {
		GenericContainer<?> redis = new GenericContainer<>("redis:7.4-alpine").withExposedPorts(6379);
		redis.start();
		log.info("Started Redis in a container on localhost:{}", redis.getFirstMappedPort());
		return new DevServer() {
			@Override
			public int port() {
				return redis.getFirstMappedPort();
			}

			@Override
			public void stop() {
				redis.stop();
			}
		};
	}

	/**
	 * {@code preferred} if it is free (the service's usual port), any free port
	 * otherwise.
	 */
	private static int freePort(int preferred) {
		for (int candidate : new int[] { preferred, 0 }) {
			try (ServerSocket probe = new ServerSocket(candidate, 50, InetAddress.getLoopbackAddress())) {
				return probe.getLocalPort();
			}
			catch (IOException ex) {
				// Taken: try any.
			}
		}
		throw new IllegalStateException("No free port");
	}

}
