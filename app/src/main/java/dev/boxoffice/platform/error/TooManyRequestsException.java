package dev.boxoffice.platform.error;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** A client exceeded a rate limit; it may try again after {@code retryAfter}. */
public class TooManyRequestsException extends ApiException {

	public TooManyRequestsException(Duration retryAfter, String detail) {
		super(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests", detail);
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		with("retryAfterSeconds", seconds);
	}

}
