package dev.boxoffice.platform.error;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Text the database cannot store (a NUL character), in a parameter or a body field. */
final class InvalidTextProblem {

	private InvalidTextProblem() {
	}

	static ProblemDetail of() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request contains a NUL character, which no text field may hold.");
		problem.setType(ProblemTypes.VALIDATION);
		problem.setTitle("Invalid request");
		return problem;
	}

}
