package dev.boxoffice.booking;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * For a service in a JVM of its own that a test kills ({@code spring.main.sources} names
 * this class): a purchase that reaches the step named by
 * {@code boxoffice.test.crash-after} prints {@code CRASH-POINT <step>} and goes no
 * further, so the test can send SIGKILL exactly there.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CrashPoint {

	@Bean
	@Primary
	SagaCheckpoints stopsAtTheCrashPoint(@Value("${boxoffice.test.crash-after:}") String crashAfter) {
		return new SagaCheckpoints() {
			@Override
			Mono<Void> reached(SagaStep step) {
				if (!step.name().equals(crashAfter)) {
					return Mono.empty();
				}
				return Mono.fromRunnable(() -> {
					System.out.println("CRASH-POINT " + step);
					System.out.flush();
				}).then(Mono.never());
			}
		};
	}

}
