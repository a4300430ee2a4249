package dev.boxoffice.platform.error;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.netty.channel.ConnectTimeoutException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Tells a backing service being away — PostgreSQL or Redis unreachable, refusing,
 * reconnecting, restarting or too slow — from a bug. The first is a condition of the
 * moment (503, retry shortly); the second is a 500.
 */
public final class BackingServiceFailures {

	/**
	 * Redis error replies that mean "not now" rather than "wrong command": still loading
	 * its data, a script running too long, out of memory, a replica or a cluster not
	 * ready.
	 */
	private static final Set<String> REDIS_NOT_NOW = Set.of("LOADING", "BUSY", "OOM", "READONLY", "MASTERDOWN",
			"TRYAGAIN", "CLUSTERDOWN", "NOREPLICAS", "MISCONF");

	/**
	 * SQLSTATE classes and codes of the same: connection exceptions (08), insufficient
	 * resources (53, e.g. too many connections), a server shutting down or starting up
	 * (57P01–57P03), a statement cancelled by {@code statement_timeout} (57014) or a lock
	 * not granted within {@code lock_timeout} (55P03).
	 */
	private static final Set<String> SQL_NOT_NOW = Set.of("57P01", "57P02", "57P03", "57014", "55P03");

	private BackingServiceFailures() {
	}

	/** Whether {@code ex}, or anything that caused it, says a backing service is away. */
	public static boolean isUnavailable(Throwable ex) {
		return anyCause(ex, BackingServiceFailures::saysUnavailable);
	}

	/** Whether {@code ex} or one of its causes passes {@code test}. */
	public static boolean anyCause(Throwable ex, Predicate<Throwable> test) {
		int depth = 0;
		for (Throwable cause = ex; cause != null && depth < 32; cause = cause.getCause(), depth++) {
			if (test.test(cause)) {
				return true;
			}
		}
		return false;
	}

	private static boolean saysUnavailable(Throwable cause) {
		if (cause instanceof RedisCommandExecutionException reply) {
			return redisSaysNotNow(reply.getMessage());
		}
		if (cause instanceof R2dbcException database && database.getSqlState() != null) {
			String state = database.getSqlState();
			if (state.startsWith("08") || state.startsWith("53") || SQL_NOT_NOW.contains(state)) {
				return true;
			}
		}
		// Lettuce: not connected ("Currently not connected. Commands are rejected."),
		// connection lost or closed, command timed out. (Error replies are handled
		// above.)
		return cause instanceof RedisException || cause instanceof QueryTimeoutException
				|| cause instanceof DataAccessResourceFailureException || cause instanceof R2dbcTimeoutException
				|| cause instanceof R2dbcTransientResourceException
				|| cause instanceof R2dbcNonTransientResourceException || cause instanceof ConnectTimeoutException
				|| cause instanceof TimeoutException || cause instanceof IOException;
	}

	private static boolean redisSaysNotNow(String message) {
		if (message == null) {
			return false;
		}
		int space = message.indexOf(' ');
		return REDIS_NOT_NOW.contains((space < 0) ? message : message.substring(0, space));
	}

}
