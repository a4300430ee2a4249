package dev.boxoffice.booking;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Turns stored orders into what buyers see (tickets included). */
@Component
class OrderViews {

	private final OrderRepository orders;

	OrderViews(OrderRepository orders) {
		this.orders = orders;
	}

	/**
	 * Tickets show once the order is confirmed (and stay, voided, if it is cancelled).
	 */
	Mono<OrderView> of(OrderRecord order) {
		if (order.status() == OrderStatus.PENDING || order.status() == OrderStatus.FAILED) {
			return Mono.just(view(order, List.of()));
		}
		return this.orders.tickets(order.id()).collectList().map((tickets) -> view(order, tickets));
	}

	static OrderView view(OrderRecord order, List<TicketView> tickets) {
		return new OrderView(order.id(), order.eventId(), order.status(), order.totalCents(), order.currency(),
				order.seats().stream().map((seat) -> new OrderView.SeatLine(seat.seatId(), seat.priceCents())).toList(),
				order.items()
					.stream()
					.map((item) -> new OrderView.ItemLine(item.ticketTypeId(), item.tierId(), item.quantity(),
							item.priceCents(), item.seated()))
					.toList(),
				tickets, order.failureReason(), order.createdAt());
	}

}
