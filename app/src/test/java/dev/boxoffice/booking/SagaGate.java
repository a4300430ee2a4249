package dev.boxoffice.booking;

import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Holds purchases after a chosen step of the saga until the test lets them go, so that a
 * fault can be made while they are under way. Import {@link Config} into the test.
 */
public final class SagaGate {

	private static volatile SagaStep closedAt;

	private static volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

	private SagaGate() {
	}

	/** Purchases stop after {@code step} (e.g. "AUTHORIZED") until {@link #open()}. */
	public static void closeAfter(String step) {
		gate = new CompletableFuture<>();
		closedAt = SagaStep.valueOf(step);
	}

	public static void open() {
		closedAt = null;
		gate.complete(null);
	}

	/** The gated checkpoints. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		@Primary
		SagaCheckpoints gatedCheckpoints() {
			return new SagaCheckpoints() {
				@Override
				Mono<Void> reached(SagaStep step) {
					CompletableFuture<Void> current = gate;
					return (step == closedAt) ? Mono.fromFuture(current) : Mono.empty();
				}
			};
		}

	}

}
