package dev.boxoffice.payment;

/** The provider did not answer, or not in time: the outcome of the call is unknown. */
public class PaymentUnavailableException extends RuntimeException {

	public PaymentUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
