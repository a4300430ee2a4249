package dev.boxoffice.payment;

/** A payment's state at the provider. */
public enum PaymentStatus {

	NONE, AUTHORIZED, CAPTURED, VOIDED, REFUNDED

}
