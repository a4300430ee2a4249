package dev.boxoffice.devrun;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says plainly why the development run could not bring its own service, and what to do.
 */
class DevServicesFailureAnalyzer extends AbstractFailureAnalyzer<DevServicesUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DevServicesUnavailableException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
