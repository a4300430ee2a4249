package dev.boxoffice.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An order as stored, with its seats and the versions the sale expects. */
record OrderRecord(UUID id, UUID buyerId, UUID eventId, String holdId, OrderStatus status, SagaStep step,
		long totalCents, String currency, String paymentToken, String idempotencyKey, @Nullable String failureReason,
		boolean redisPending, Instant createdAt, Instant updatedAt, List<Seat> seats) {

	record Seat(String seatId, int priceCents, long version) {
	}

	List<String> seatIds() {
		return this.seats.stream().map(Seat::seatId).toList();
	}

	/** This order as created at {@code instant} (the database's clock). */
	OrderRecord createdAt(Instant instant) {
		return new OrderRecord(this.id, this.buyerId, this.eventId, this.holdId, this.status, this.step,
				this.totalCents, this.currency, this.paymentToken, this.idempotencyKey, this.failureReason,
				this.redisPending, instant, instant, this.seats);
	}

	/** This order, confirmed: the saga's last step done. */
	OrderRecord confirmed() {
		return new OrderRecord(this.id, this.buyerId, this.eventId, this.holdId, OrderStatus.CONFIRMED, SagaStep.DONE,
				this.totalCents, this.currency, this.paymentToken, this.idempotencyKey, null, this.redisPending,
				this.createdAt, this.updatedAt, this.seats);
	}

	OrderRecord withSeats(List<Seat> list) {
		return new OrderRecord(this.id, this.buyerId, this.eventId, this.holdId, this.status, this.step,
				this.totalCents, this.currency, this.paymentToken, this.idempotencyKey, this.failureReason,
				this.redisPending, this.createdAt, this.updatedAt, list);
	}

}
