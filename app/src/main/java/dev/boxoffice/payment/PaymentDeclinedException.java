package dev.boxoffice.payment;

/** The provider refused the payment (card declined, capture refused). */
public class PaymentDeclinedException extends RuntimeException {

	public PaymentDeclinedException(String message) {
		super(message, null, false, false);
	}

}
