package dev.boxoffice.platform.error;

import java.net.URI;

/** Problem type identifiers. They are names, not links: nothing is served at them. */
public final class ProblemTypes {

	private static final String PREFIX = "urn:boxoffice:problem:";

	public static final URI VALIDATION = uri("validation");

	public static final URI MALFORMED_REQUEST = uri("malformed-request");

	/**
	 * The path or headers have a form the service refuses, before any route is chosen.
	 */
	public static final URI REJECTED_REQUEST = uri("rejected-request");

	/** The request body is larger than the service reads (4 MB). */
	public static final URI BODY_TOO_LARGE = uri("body-too-large");

	/** The request body is not in a media type the operation reads (JSON). */
	public static final URI UNSUPPORTED_MEDIA_TYPE = uri("unsupported-media-type");

	public static final URI UNAUTHORIZED = uri("unauthorized");

	public static final URI FORBIDDEN = uri("forbidden");

	public static final URI INTERNAL = uri("internal");

	/**
	 * PostgreSQL or Redis did not answer in time, or could not be reached: retry shortly.
	 */
	public static final URI UNAVAILABLE = uri("unavailable");

	private ProblemTypes() {
	}

	public static URI uri(String type) {
		return URI.create(PREFIX + type);
	}

}
