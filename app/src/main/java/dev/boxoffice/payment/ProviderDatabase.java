package dev.boxoffice.payment;

import java.time.Duration;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.r2dbc.ConnectionFactoryBuilder;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The simulated provider's own connections to its ledger. A payment provider is an
 * outside system: it must not share the service's pool, or a lock that ties up the
 * service's connections would stop payments — and the voids that undo failed purchases —
 * with them. Same database and session limits as the service; its sessions are named
 * {@code boxoffice-payments}.
 */
@Component
class ProviderDatabase implements DisposableBean {

	static final String APPLICATION_NAME = "boxoffice-payments";

	private final ConnectionPool pool;

	private final DatabaseClient client;

	ProviderDatabase(R2dbcProperties r2dbc, PaymentProperties payment,
			ObjectProvider<ConnectionFactoryOptionsBuilderCustomizer> customizers) {
		ConnectionFactoryBuilder builder = ConnectionFactoryBuilder.withUrl(r2dbc.getUrl())
			.configure((options) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(options)))
			.configure((options) -> options.option(PostgresqlConnectionFactoryProvider.APPLICATION_NAME,
					APPLICATION_NAME));
		if (r2dbc.getUsername() != null) {
			builder = builder.username(r2dbc.getUsername());
		}
		if (r2dbc.getPassword() != null) {
			builder = builder.password(r2dbc.getPassword());
		}
		this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(builder.build())
			.name(APPLICATION_NAME)
			.initialSize(0)
			.maxSize(payment.poolSize())
			.maxAcquireTime(payment.timeout())
			.maxCreateConnectionTime(payment.timeout())
			.maxIdleTime(Duration.ofMinutes(10))
			.build());
		this.client = DatabaseClient.create(this.pool);
	}

	DatabaseClient client() {
		return this.client;
	}

	@Override
	public void destroy() {
		this.pool.disposeLater().block(Duration.ofSeconds(5));
	}

}
