package dev.boxoffice.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.function.IntFunction;

/**
 * Requests raced against each other: every call on a thread of its own, all let go at the
 * same moment.
 */
public final class Race {

	private Race() {
	}

	/**
	 * Runs {@code call(0)} to {@code call(count - 1)} at once on {@code threads} (one
	 * thread each: give it a cached pool, as the common pool may have fewer); their
	 * answers, in order.
	 */
	public static <T> List<T> of(ExecutorService threads, int count, IntFunction<T> call) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<T>> calls = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int index = i;
			calls.add(CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return call.apply(index);
			}, threads));
		}
		start.countDown();
		List<T> answers = new ArrayList<>();
		for (CompletableFuture<T> answer : calls) {
			answers.add(answer.get());
		}
		return answers;
	}

}
