package dev.boxoffice.platform.error;

import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

/** A client's failure is an answer: it carries its problem, and no trace. */
class ApiExceptionTests {

	@Test
	void aFailureTheClientCanActOnHasNoStackTraceEvenAfterCheckpoints() {
		StepVerifier
			.create(Mono.error(() -> new ApiException(HttpStatus.CONFLICT, "seats-unavailable", "Seats unavailable",
					"A seat is taken."))
				.checkpoint("the hold")
				.checkpoint()
				.map(Object::toString))
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(ApiException.class);
				assertThat(failure.getStackTrace()).isEmpty();
				assertThat(failure.getSuppressed()).isEmpty();
			})
			.verify();
	}

	@Test
	void itStillCarriesItsWholeProblem() {
		ApiException failure = new ApiException(HttpStatus.CONFLICT, "seats-unavailable", "Seats unavailable",
				"A seat is taken.")
			.with("unavailableSeats", List.of("A-1"))
			.withHeader("Retry-After", "1");
		ProblemDetail problem = failure.problem();
		assertThat(problem.getStatus()).isEqualTo(409);
		assertThat(problem.getType()).hasToString("urn:boxoffice:problem:seats-unavailable");
		assertThat(problem.getTitle()).isEqualTo("Seats unavailable");
		assertThat(problem.getDetail()).isEqualTo("A seat is taken.");
		assertThat(problem.getProperties()).containsEntry("unavailableSeats", List.of("A-1"));
		assertThat(failure.headers().getFirst("Retry-After")).isEqualTo("1");
	}

}
