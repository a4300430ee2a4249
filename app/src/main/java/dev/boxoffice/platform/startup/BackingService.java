package dev.boxoffice.platform.startup;

/** The services Boxoffice cannot run without, and how an operator brings each back. */
public enum BackingService {

	POSTGRESQL("PostgreSQL",
			"Start PostgreSQL (for example `pg_ctlcluster 15 main start`, or `docker compose up -d postgres`), "
					+ "or point SPRING_R2DBC_URL (and SPRING_FLYWAY_URL if it differs) at a running server."),

	REDIS("Redis", "Start Redis (for example `redis-server --daemonize yes`, or `docker compose up -d redis`), "
			+ "or point SPRING_DATA_REDIS_HOST and SPRING_DATA_REDIS_PORT at a running server.");

	private final String displayName;

	private final String remedy;

	BackingService(String displayName, String remedy) {
		this.displayName = displayName;
		this.remedy = remedy;
	}

	public String displayName() {
		return this.displayName;
	}

	public String remedy() {
		return this.remedy;
	}

}
