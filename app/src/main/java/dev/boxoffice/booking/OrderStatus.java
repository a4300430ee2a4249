package dev.boxoffice.booking;

/** What a buyer sees of an order. */
public enum OrderStatus {

	PENDING, CONFIRMED, FAILED, CANCELLING, CANCELLED

}
