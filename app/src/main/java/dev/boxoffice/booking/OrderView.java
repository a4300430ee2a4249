package dev.boxoffice.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** An order as its buyer sees it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Order")
public record OrderView(UUID orderId, UUID eventId, OrderStatus status, long totalCents, String currency,
		List<SeatLine> seats, List<ItemLine> items, List<TicketView> tickets, @Nullable String failureReason,
		Instant createdAt) {

	/** Tickets of one type the order buys at one price (a tier's, or the type's own). */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "OrderItem")
	public record ItemLine(UUID ticketTypeId, @Nullable UUID tierId, int quantity, int priceCents, boolean seated) {
	}

	/** A seat the order buys. */
	@Schema(name = "OrderSeat")
	public record SeatLine(String seatId, int priceCents) {
	}

}
