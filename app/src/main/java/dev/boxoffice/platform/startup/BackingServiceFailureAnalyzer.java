package dev.boxoffice.platform.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an unreachable PostgreSQL or Redis into a start-up report that says what to do.
 */
class BackingServiceFailureAnalyzer extends AbstractFailureAnalyzer<BackingServiceUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BackingServiceUnavailableException cause) {
		return new FailureAnalysis("Boxoffice cannot start: " + cause.getMessage(), cause.service().remedy(), cause);
	}

}
