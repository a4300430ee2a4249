package dev.boxoffice.platform.error;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The 401 and 403 problems, shared by the security filter chain and method security. */
public final class SecurityProblems {

	private SecurityProblems() {
	}

	public static ProblemDetail unauthorized() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"A valid bearer token is required.");
		problem.setType(ProblemTypes.UNAUTHORIZED);
		problem.setTitle("Unauthorized");
		return problem;
	}

	public static ProblemDetail invalidToken() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"The bearer token is not valid: malformed, expired, revoked, or not signed by us.");
		problem.setType(ProblemTypes.UNAUTHORIZED);
		problem.setTitle("Unauthorized");
		return problem;
	}

	public static ProblemDetail cannotVerify() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The bearer token cannot be checked right now; try again shortly.");
		problem.setType(ProblemTypes.uri("busy"));
		problem.setTitle("Service busy");
		return problem;
	}

	public static ProblemDetail forbidden() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"You are not allowed to do this.");
		problem.setType(ProblemTypes.FORBIDDEN);
		problem.setTitle("Forbidden");
		return problem;
	}

}
