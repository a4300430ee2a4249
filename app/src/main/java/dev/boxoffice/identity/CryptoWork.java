package dev.boxoffice.identity;

import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

import dev.boxoffice.platform.error.RequestProblems;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * A bounded scheduler for hashing passwords and signing tokens: CPU work that must never
 * hold an event loop (RSA signing also draws from the JDK's blocking random source). When
 * its queue is full, callers get a 503 instead of waiting without limit.
 */
@Component
class CryptoWork implements DisposableBean {

	private final Scheduler scheduler;

	CryptoWork(CryptoProperties properties) {
		this.scheduler = Schedulers.newBoundedElastic(properties.threads(), properties.queue(), "crypto");
	}

	<T> Mono<T> run(Callable<T> work) {
		return Mono.fromCallable(work)
			.subscribeOn(this.scheduler)
			.onErrorMap(RejectedExecutionException.class,
					(ex) -> RequestProblems.busy("Too many sign-ins at once; try again in a moment."));
	}

	@Override
	public void destroy() {
		this.scheduler.dispose();
	}

}
