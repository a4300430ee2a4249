package dev.boxoffice.platform.redis;

import java.util.concurrent.TimeUnit;

import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * With {@code boxoffice.io.shared-loops=true} ({@link IoProperties}), PostgreSQL's
 * connections and Redis's run on the HTTP server's event loops instead of loops of their
 * own (an experiment for the bench, off by default; docs/performance.md has its A/B run).
 * By default a request's steps hop between three sets of threads — the HTTP loop that
 * read it, R2DBC's loop of the connection it got and Lettuce's loop of the one Redis
 * connection — and each hop to a loop that is asleep costs a wake-up and a system call.
 * On shared loops a step whose connection lives on the thread it runs on is written at
 * once. R2DBC's connections are made on the loop that first asks for them (Reactor
 * Netty's colocation), Redis's one connection on one of the loops. The loops stay the
 * server's: neither client shuts them down.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "boxoffice.io.shared-loops")
class SharedEventLoops {

	@Bean
	ConnectionFactoryOptionsBuilderCustomizer databaseOnServerLoops(ReactorResourceFactory resources) {
		return (builder) -> builder.option(PostgresqlConnectionFactoryProvider.LOOP_RESOURCES,
				resources.getLoopResources());
	}

	@Bean
	ClientResourcesBuilderCustomizer redisOnServerLoops(ReactorResourceFactory resources) {
		return (builder) -> builder.eventLoopGroupProvider(new ServerLoops(resources.getLoopResources()));
	}

	/** Lettuce's event loops taken from the server's; releasing them does nothing. */
	private static final class ServerLoops implements EventLoopGroupProvider {

		private final LoopResources loops;

		ServerLoops(LoopResources loops) {
			this.loops = loops;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T extends EventLoopGroup> T allocate(Class<T> type) {
			return (T) this.loops.onServer(true);
		}

		@Override
		public int threadPoolSize() {
			return LoopResources.DEFAULT_IO_WORKER_COUNT;
		}

		@Override
		public Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout, TimeUnit unit) {
			return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
		}

		@Override
		public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
			return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
		}

	}

}
