package dev.boxoffice.payment;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import dev.boxoffice.platform.admission.Admission;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * A stand-in payment provider with a ledger of its own (table {@code simulated_payments},
 * as a real provider keeps one on its side). Tokens: {@code tok_ok} pays;
 * {@code tok_decline} is declined; {@code tok_timeout} authorizes but never answers (so
 * the caller times out not knowing); {@code tok_capture_fails} authorizes and then
 * refuses the capture. Any other token is declined. Latency, random failures and the call
 * timeout come from {@link PaymentProperties}. It reaches its ledger through connections
 * of its own ({@link ProviderDatabase}).
 */
@Component
class SimulatedPaymentProvider implements PaymentGateway {

	private final DatabaseClient db;

	private final PaymentProperties properties;

	SimulatedPaymentProvider(ProviderDatabase database, PaymentProperties properties) {
		this.db = database.client();
		this.properties = properties;
	}

	@Override
	public Mono<String> authorize(UUID orderId, String paymentToken, long amountCents, String currency) {
		Mono<String> call = switch (paymentToken) {
			case "tok_ok", "tok_capture_fails",
					"tok_timeout" ->
				this.db.sql("""
						INSERT INTO simulated_payments (id, order_id, amount_cents, currency, token, status)
						VALUES (:id, :order, :amount, :currency, :token, 'AUTHORIZED')
						ON CONFLICT (order_id) DO UPDATE SET updated_at = now()
						RETURNING id
						""")
					.bind("id", "pay_" + orderId.toString().replace("-", ""))
					.bind("order", orderId)
					.bind("amount", amountCents)
					.bind("currency", currency)
					.bind("token", paymentToken)
					.map((row) -> row.get("id", String.class))
					.one()
					// tok_timeout: the money is reserved, but the answer never comes.
					.flatMap((id) -> paymentToken.equals("tok_timeout") ? Mono.<String>never() : Mono.just(id));
			default -> Mono.error(new PaymentDeclinedException("The card was declined."));
		};
		return simulate(call);
	}

	@Override
	public Mono<Void> capture(UUID orderId) {
		// One statement when it succeeds; the reason is looked up only when it does not.
		return simulate(this.db.sql("""
				UPDATE simulated_payments SET status = 'CAPTURED', updated_at = now()
				WHERE order_id = :order AND status IN ('AUTHORIZED', 'CAPTURED') AND token <> 'tok_capture_fails'
				RETURNING status
				""")
			.bind("order", orderId)
			.map((row) -> row.get("status", String.class))
			.one()
			.switchIfEmpty(Mono.defer(() -> whyNotCaptured(orderId)))
			.then());
	}

	private Mono<String> whyNotCaptured(UUID orderId) {
		return this.db.sql("SELECT token, status FROM simulated_payments WHERE order_id = :order")
			.bind("order", orderId)
			.map((row) -> "tok_capture_fails".equals(row.get("token", String.class)) ? "The capture was refused."
					: "The payment cannot be captured (" + row.get("status", String.class) + ").")
			.one()
			.defaultIfEmpty("There is no payment to capture.")
			.flatMap((reason) -> Mono.error(new PaymentDeclinedException(reason)));
	}

	@Override
	public Mono<PaymentStatus> cancel(UUID orderId) {
		return simulate(this.db
			.sql("""
					UPDATE simulated_payments
					SET status = CASE status WHEN 'AUTHORIZED' THEN 'VOIDED' WHEN 'CAPTURED' THEN 'REFUNDED' ELSE status END,
					    refunds = refunds + CASE status WHEN 'CAPTURED' THEN 1 ELSE 0 END, updated_at = now()
					WHERE order_id = :order RETURNING status
					""")
			.bind("order", orderId)
			.map((row) -> PaymentStatus.valueOf(row.get("status", String.class)))
			.one()
			.defaultIfEmpty(PaymentStatus.NONE));
	}

	@Override
	public Mono<PaymentStatus> status(UUID orderId) {
		return simulate(this.db.sql("SELECT status FROM simulated_payments WHERE order_id = :order")
			.bind("order", orderId)
			.map((row) -> PaymentStatus.valueOf(row.get("status", String.class)))
			.one()
			.defaultIfEmpty(PaymentStatus.NONE));
	}

	/**
	 * Latency, random failures and the timeout every provider call is subject to. The
	 * call is outside the service: while it is awaited, admission control does not count
	 * the request waiting on it.
	 */
	private <T> Mono<T> simulate(Mono<T> call) {
		Mono<T> delayed = this.properties.latency().isZero() ? call : Mono.delay(this.properties.latency()).then(call);
		Mono<T> faulty = (this.properties.failureRate() > 0) ? Mono
			.defer(() -> ThreadLocalRandom.current().nextDouble() < this.properties.failureRate()
					? Mono.error(
							new PaymentUnavailableException("Simulated provider failure", new IllegalStateException()))
					: delayed)
				: delayed;
		// The provider's own storage failing is, to its callers, the provider being
		// unavailable.
		return Admission.outside(faulty.timeout(this.properties.timeout())
			.onErrorMap(TimeoutException.class,
					(ex) -> new PaymentUnavailableException("The payment provider did not answer in time", ex))
			.onErrorMap((ex) -> !(ex instanceof PaymentUnavailableException || ex instanceof PaymentDeclinedException),
					(ex) -> new PaymentUnavailableException("The payment provider failed", ex)));
	}

}
