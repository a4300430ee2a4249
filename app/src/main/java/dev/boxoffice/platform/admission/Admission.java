package dev.boxoffice.platform.admission;

import reactor.core.publisher.Mono;

/**
 * What features tell admission control about their requests.
 */
public final class Admission {

	private Admission() {
	}

	/**
	 * A call to an outside provider (the payment provider): while it is awaited, the
	 * request it belongs to is not counted in progress, and its time is not the service's
	 * own (the adaptive limit learns from the rest). Outside a counted request, the call
	 * is unchanged.
	 */
	public static <T> Mono<T> outside(Mono<T> call) {
		return Mono
			.deferContextual((context) -> context.<AdmissionControl.Permit>getOrEmpty(AdmissionControl.Permit.class)
				.map((permit) -> Mono.defer(() -> {
					permit.park();
					return call;
				}).doFinally((signal) -> permit.unpark()))
				.orElse(call));
	}

}
