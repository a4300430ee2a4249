package dev.boxoffice.payment;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * A payment provider. Every call is idempotent by order (one payment per order), so a
 * saga may repeat a step after a crash. Calls fail with {@link PaymentDeclinedException}
 * when the provider refuses and {@link PaymentUnavailableException} when it cannot be
 * reached or does not answer in time; the outcome is then unknown, and the caller
 * compensates by voiding. An implementation wraps each call to the provider in
 * {@link dev.boxoffice.platform.admission.Admission#outside}: waiting on it is not load.
 */
public interface PaymentGateway {

	/** Reserves the amount on the buyer's card; the payment's id. */
	Mono<String> authorize(UUID orderId, String paymentToken, long amountCents, String currency);

	/** Takes the reserved amount. */
	Mono<Void> capture(UUID orderId);

	/**
	 * Gives the money back, whatever the payment's state: an authorization is voided, a
	 * captured payment refunded; nothing happens to a payment that does not exist, or was
	 * already voided or refunded.
	 */
	Mono<PaymentStatus> cancel(UUID orderId);

	/** Where the order's payment stands at the provider (NONE if there is none). */
	Mono<PaymentStatus> status(UUID orderId);

}
