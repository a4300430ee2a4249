package dev.boxoffice.platform.observability;

import java.util.regex.Pattern;

import dev.boxoffice.platform.RandomUuids;

import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * The request id: taken from the client's {@code X-Request-Id} when it is a short token,
 * generated otherwise, echoed in the response, carried in the Reactor context and in the
 * logging MDC under {@value #KEY}.
 */
public final class RequestIds {

	public static final String HEADER = "X-Request-Id";

	/** Key in the Reactor context and in the MDC. */
	public static final String KEY = "requestId";

	private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private RequestIds() {
	}

	/** The id to use for a request that carried {@code offered} (possibly null). */
	static String accept(@Nullable String offered) {
		if (offered != null && ACCEPTABLE.matcher(offered).matches()) {
			return offered;
		}
		// Unique is enough for a request id; RandomUuids never blocks the event loop.
		return RandomUuids.next().toString();
	}

	/** The id of the request being answered on this exchange. */
	public static @Nullable String of(ServerWebExchange exchange) {
		return exchange.getResponse().getHeaders().getFirst(HEADER);
	}

}
