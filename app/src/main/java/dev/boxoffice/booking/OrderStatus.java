package dev.boxoffice.booking;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a buyer sees of an order. */
@Schema(name = "OrderStatus", enumAsRef = true)
public enum OrderStatus {

	PENDING, CONFIRMED, FAILED, CANCELLING, CANCELLED

}
