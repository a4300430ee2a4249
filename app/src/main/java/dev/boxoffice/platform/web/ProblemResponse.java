package dev.boxoffice.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem detail an operation answers with, for the API description: its status, its
 * type as the failure names it ({@code seats-unavailable} for
 * {@code urn:boxoffice:problem:seats-unavailable}), and when. The problems every
 * operation may meet (a bad token, a spent budget, an unreadable body…) are added for all
 * of them by {@link OpenApiConfiguration}; these are the operation's own.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {

	int status();

	String type();

	String when();

	/** Several problems of one operation. */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		ProblemResponse[] value();

	}

}
