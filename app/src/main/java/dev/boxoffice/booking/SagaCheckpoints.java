package dev.boxoffice.booking;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * A seam between the steps of the purchase saga. It does nothing here; fault-injection
 * tests replace it to stop a saga dead after a given step, as a killed process would.
 */
@Component
class SagaCheckpoints {

	Mono<Void> reached(SagaStep step) {
		return Mono.empty();
	}

}
