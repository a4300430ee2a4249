package dev.boxoffice.booking;

import java.util.UUID;

/**
 * Recovery took the order over while its saga still ran (the saga was too slow): the
 * outcome is recovery's to make, and the saga stops.
 */
final class OrderTakenOver extends IllegalStateException {

	OrderTakenOver(UUID orderId) {
		super("Order " + orderId + " was taken over by recovery");
	}

}
