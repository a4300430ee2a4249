package dev.boxoffice.booking;

import java.time.Clock;
import java.util.Map;

import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.hold.Holds;
import dev.boxoffice.live.UserNotifications;
import dev.boxoffice.payment.PaymentGateway;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * A buyer cancels a confirmed order before the event: CANCELLING is recorded first (only
 * one request wins it), then the refund, then in one transaction the tickets voided, the
 * seats returned (version + 1) and the order CANCELLED, then AVAILABLE announced. If it
 * stops midway, the order stays CANCELLING and recovery finishes it; no step is done
 * twice. When an event is cancelled, its confirmed orders go the same way
 * ({@link CancelledEventRefunds}).
 */
@Component
class OrderCancellation {

	private final OrderRepository orders;

	private final PaymentGateway payments;

	private final Holds holds;

	private final EventCatalog catalog;

	private final Compensations compensations;

	private final TransactionalOperator transactional;

	private final UserNotifications notifications;

	private final Clock clock;

	private final SalesMetrics sales;

	OrderCancellation(OrderRepository orders, PaymentGateway payments, Holds holds, EventCatalog catalog,
			Compensations compensations, TransactionalOperator transactional, UserNotifications notifications,
			Clock clock, SalesMetrics sales) {
		this.sales = sales;
		this.orders = orders;
		this.payments = payments;
		this.holds = holds;
		this.catalog = catalog;
		this.compensations = compensations;
		this.transactional = transactional;
		this.notifications = notifications;
		this.clock = clock;
	}

	Mono<OrderRecord> cancel(OrderRecord order) {
		if (order.status() == OrderStatus.CANCELLING || order.status() == OrderStatus.CANCELLED) {
			return Mono.just(order);
		}
		if (order.status() != OrderStatus.CONFIRMED) {
			return Mono.error(BookingExceptions.notCancellable("Only a confirmed order can be cancelled."));
		}
		return this.catalog.event(order.eventId())
			.filter((event) -> event.startsAt().isAfter(this.clock.instant()))
			.switchIfEmpty(Mono.error(() -> BookingExceptions.notCancellable("The event has started.")))
			.then(this.orders.changeStatus(order.id(), OrderStatus.CONFIRMED, OrderStatus.CANCELLING))
			.flatMap((won) -> won ? finish(order) : Mono.empty())
			.then(this.orders.find(order.id()));
	}

	/**
	 * The event was cancelled: the order is cancelled and refunded whenever the event
	 * starts, and its buyer told. False if another instance (or the buyer) got there
	 * first.
	 */
	Mono<Boolean> becauseTheEventWasCancelled(OrderRecord order) {
		return this.orders.changeStatus(order.id(), OrderStatus.CONFIRMED, OrderStatus.CANCELLING)
			.flatMap(
					(won) -> won
							? finish(order)
								.then(this.notifications.send(order.buyerId(), "order-cancelled",
										Map.of("orderId", order.id().toString(), "eventId", order.eventId().toString(),
												"reason", "the event was cancelled")))
								.thenReturn(true)
							: Mono.just(false));
	}

	/**
	 * Refund, return, announce. Safe to run again (recovery does, for CANCELLING orders).
	 */
	Mono<Void> finish(OrderRecord order) {
		return this.payments.cancel(order.id())
			.then(this.compensations.returnTickets(order)
				.then(this.orders.changeStatus(order.id(), OrderStatus.CANCELLING, OrderStatus.CANCELLED))
				.flatMap((cancelled) -> this.orders.redisPending(order.id(), true).thenReturn(cancelled))
				.as(this.transactional::transactional))
			.doOnNext((cancelled) -> {
				if (cancelled) {
					this.sales.cancelled(order);
				}
			})
			.then(this.compensations.announceReturned(order));
	}

}
