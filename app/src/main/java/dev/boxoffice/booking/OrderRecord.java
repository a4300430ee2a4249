package dev.boxoffice.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.inventory.Units;
import org.jspecify.annotations.Nullable;

/**
 * An order as stored, with its seats and the versions the sale expects, its items by
 * ticket type, and what its hold took from counted allotments ({@code units}, as Redis
 * knows it).
 */
record OrderRecord(UUID id, UUID buyerId, UUID eventId, String holdId, OrderStatus status, SagaStep step,
		long totalCents, String currency, String paymentToken, String idempotencyKey, @Nullable String failureReason,
		boolean redisPending, Instant createdAt, Instant updatedAt, List<Seat> seats, List<Item> items, Units units) {

	record Seat(String seatId, int priceCents, long version) {
	}

	/** Tickets of one type at one price; seated ones are seats of the order. */
	record Item(UUID ticketTypeId, @Nullable UUID tierId, int quantity, int priceCents, boolean seated) {
	}

	/** How many general-admission places the order buys. */
	int places() {
		return this.items.stream().filter((item) -> !item.seated()).mapToInt(Item::quantity).sum();
	}

	List<String> seatIds() {
		return this.seats.stream().map(Seat::seatId).toList();
	}

	/** This order as created at {@code instant} (the database's clock). */
	OrderRecord createdAt(Instant instant) {
		return new OrderRecord(this.id, this.buyerId, this.eventId, this.holdId, this.status, this.step,
				this.totalCents, this.currency, this.paymentToken, this.idempotencyKey, this.failureReason,
				this.redisPending, instant, instant, this.seats, this.items, this.units);
	}

	/** This order, confirmed: the saga's last step done. */
	OrderRecord confirmed() {
		return new OrderRecord(this.id, this.buyerId, this.eventId, this.holdId, OrderStatus.CONFIRMED, SagaStep.DONE,
				this.totalCents, this.currency, this.paymentToken, this.idempotencyKey, null, this.redisPending,
				this.createdAt, this.updatedAt, this.seats, this.items, this.units);
	}

	OrderRecord withLines(List<Seat> seatLines, List<Item> itemLines) {
		return new OrderRecord(this.id, this.buyerId, this.eventId, this.holdId, this.status, this.step,
				this.totalCents, this.currency, this.paymentToken, this.idempotencyKey, this.failureReason,
				this.redisPending, this.createdAt, this.updatedAt, seatLines, itemLines, this.units);
	}

}
