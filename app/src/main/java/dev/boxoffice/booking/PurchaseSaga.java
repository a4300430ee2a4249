package dev.boxoffice.booking;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.catalog.SalePlan;
import dev.boxoffice.catalog.SalePlans;
import dev.boxoffice.hold.Hold;
import dev.boxoffice.hold.Holds;
import dev.boxoffice.inventory.Allotments;
import dev.boxoffice.live.UserNotifications;
import dev.boxoffice.payment.PaymentDeclinedException;
import dev.boxoffice.payment.PaymentGateway;
import dev.boxoffice.payment.PaymentProperties;
import dev.boxoffice.payment.PaymentUnavailableException;
import dev.boxoffice.platform.RandomUuids;
import dev.boxoffice.platform.error.BackingServiceFailures;
import dev.boxoffice.platform.error.ApiException;
import dev.boxoffice.platform.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The purchase of a hold, step by step, each step recorded before the next begins: order
 * PENDING → payment authorized → seats committed (optimistic versions, tickets, in one
 * transaction) → holds cleared, SOLD announced → payment captured → order CONFIRMED. The
 * capture is recorded by the statement that confirms the order; it is idempotent, so a
 * crash between the two is recovered by capturing again. A failing step undoes the ones
 * before it ({@link Compensations}); a crash leaves a recorded step that
 * {@link SagaRecovery} picks up.
 */
@Component
class PurchaseSaga {

	private static final Logger log = LoggerFactory.getLogger(PurchaseSaga.class);

	private final OrderRepository orders;

	private final Holds holds;

	private final PaymentGateway payments;

	private final Compensations compensations;

	private final SalesMetrics sales;

	private final TicketCodes codes;

	private final SagaCheckpoints checkpoints;

	private final TransactionalOperator transactional;

	private final BookingProperties properties;

	private final Clock clock;

	private final PaymentProperties paymentProperties;

	private final UserNotifications notifications;

	private final OrderViews views;

	private final EventCatalog catalog;

	private final List<SaleListener> saleListeners;

	private final SalePlans plans;

	private final Allotments allotments;

	private final JsonMapper json;

	/**
	 * A purchase's answer: the order as JSON, and whether the statement that confirmed it
	 * also kept that answer for its Idempotency-Key.
	 */
	record Sold(String json, boolean kept) {
	}

	PurchaseSaga(OrderRepository orders, Holds holds, PaymentGateway payments, Compensations compensations,
			TicketCodes codes, SagaCheckpoints checkpoints, TransactionalOperator transactional,
			BookingProperties properties, Clock clock, PaymentProperties paymentProperties,
			UserNotifications notifications, OrderViews views, EventCatalog catalog, SalesMetrics sales,
			List<SaleListener> saleListeners, SalePlans plans, Allotments allotments, JsonMapper json) {
		this.json = json;
		this.plans = plans;
		this.allotments = allotments;
		this.sales = sales;
		this.saleListeners = saleListeners;
		this.views = views;
		this.catalog = catalog;
		this.paymentProperties = paymentProperties;
		this.notifications = notifications;
		this.orders = orders;
		this.holds = holds;
		this.payments = payments;
		this.compensations = compensations;
		this.codes = codes;
		this.checkpoints = checkpoints;
		this.transactional = transactional;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Buys the buyer's hold: the CONFIRMED order, or an error after compensation. The
	 * answer is made from what the saga wrote, not read back, and kept for the
	 * Idempotency-Key by the statement that confirms the order; only an order some other
	 * party moved meanwhile (recovery) is read back as it stands, and its answer is the
	 * caller's to keep.
	 */
	Mono<Sold> purchase(CurrentUser buyer, String holdId, String paymentToken, String idempotencyKey) {
		UUID orderId = RandomUuids.next();
		return this.holds.find(holdId)
			.filter((hold) -> hold.buyerId().equals(buyer.id()))
			// Nothing is bought for an event no longer on sale (409). One cancelled while
			// this
			// purchase runs is caught by CancelledEventRefunds.
			.flatMap((hold) -> this.catalog.onSale(hold.eventId()).thenReturn(hold))
			// The hold is the order's now: it can neither expire nor be released under
			// it.
			.filterWhen((hold) -> this.holds.claim(hold, orderId, longestRun()))
			.switchIfEmpty(Mono.error(BookingExceptions::holdGone))
			.flatMap((hold) -> {
				OrderRecord order = newOrder(orderId, hold, paymentToken, idempotencyKey);
				return this.orders.insert(order)
					.onErrorResume((failed) -> unclaim(hold, orderId).then(Mono.error(failed)))
					.flatMap((createdAt) -> run(order.createdAt(createdAt), hold));
			});
	}

	/**
	 * The steps after the order is written; each failing one undoes those before it. A
	 * backing service away before the commit: undone at once, and the buyer keeps the
	 * hold to try again. After the commit the sale stands: Redis being away only delays
	 * telling it.
	 */
	private Mono<Sold> run(OrderRecord order, Hold hold) {
		return this.checkpoints.reached(SagaStep.CREATED)
			.then(authorize(order))
			.flatMap((paymentId) -> this.checkpoints.reached(SagaStep.AUTHORIZED).then(commit(order, hold, paymentId)))
			.onErrorResume((ex) -> !(ex instanceof ApiException) && BackingServiceFailures.isUnavailable(ex),
					(away) -> this.compensations.interrupted(order, hold).then(Mono.error(away)))
			.flatMap((tickets) -> markSold(order, hold).then(this.checkpoints.reached(SagaStep.COMMITTED))
				.then(capture(order))
				// Captured by the provider, not yet recorded: where a crash would leave
				// it COMMITTED.
				.then(this.checkpoints.reached(SagaStep.CAPTURED))
				.then(Mono
					.fromCallable(() -> this.json.writeValueAsString(OrderViews.view(order.confirmed(), tickets))))
				.flatMap((answer) -> confirm(order, answer)
					.flatMap((confirmed) -> confirmed ? Mono.just(new Sold(answer, true))
							: this.orders.find(order.id())
								.flatMap(this.views::of)
								.map((view) -> new Sold(this.json.writeValueAsString(view), false)))))
			.onErrorMap(OrderTakenOver.class, (taken) -> BookingExceptions.outcomePending());
	}

	/**
	 * Tells Redis the committed seats are sold. If Redis is away, the order is marked and
	 * the purchase goes on; recovery tells Redis (well before the claim on the seats runs
	 * out).
	 */
	private Mono<Void> markSold(OrderRecord order, Hold hold) {
		return this.holds.markSold(hold).onErrorResume(BackingServiceFailures::isUnavailable, (ex) -> {
			log.warn("Order {}: Redis could not be told its seats are sold ({}); recovery will", order.id(),
					ex.toString());
			return this.orders.redisPending(order.id(), true);
		});
	}

	/**
	 * The order could not be written, so nothing but the claim was done: it is undone at
	 * once and the buyer may try again. (If Redis is away too, the claim runs out by
	 * itself after {@link #longestRun()}, and the seats are freed then.)
	 */
	private Mono<Void> unclaim(Hold hold, UUID orderId) {
		return this.holds.unclaim(hold, orderId).onErrorResume((ex) -> {
			log.warn("Order {} was not written, and its claim of hold {} could not be undone ({})", orderId,
					hold.holdId(), ex.toString());
			return Mono.empty();
		});
	}

	/**
	 * The payment's authorization; its id is recorded by the sale's statement. Until then
	 * the order stays at CREATED, where recovery voids whatever the provider authorized
	 * for it, by order id.
	 */
	private Mono<String> authorize(OrderRecord order) {
		return this.payments.authorize(order.id(), order.paymentToken(), order.totalCents(), order.currency())
			.onErrorResume(PaymentDeclinedException.class,
					(declined) -> Mono.fromRunnable(() -> this.sales.declined(order))
						.then(this.compensations.beforeCommit(order, "payment declined: " + declined.getMessage()))
						.then(Mono.error(BookingExceptions.declined(declined.getMessage()))))
			.onErrorResume(PaymentUnavailableException.class,
					(unavailable) -> this.compensations.beforeCommit(order, "payment provider unavailable")
						.then(Mono.error(BookingExceptions.providerUnavailable())));
	}

	/**
	 * The sale: within the buyer's ticket limit, every seat still at the version it had
	 * when held, the places claimed, tickets issued, the payment recorded — in one
	 * statement, all or nothing. The {@link SaleListener}s that follow this hold are told
	 * in the same transaction.
	 */
	private Mono<List<TicketView>> commit(OrderRecord order, Hold hold, String paymentId) {
		return this.plans.of(order.eventId())
			.flatMap((plan) -> commit(order, hold, paymentId, plan, tickets(order, plan, hold)));
	}

	private Mono<List<TicketView>> commit(OrderRecord order, Hold hold, String paymentId, SalePlan plan,
			List<TicketView> tickets) {
		Map<String, Long> versions = new LinkedHashMap<>();
		order.seats().forEach((seat) -> versions.put(seat.seatId(), seat.version()));
		Allotments.Claim places = this.allotments.claim(order.holdId(), order.units(), plan.arbitrated().keySet());
		List<SaleListener> told = this.saleListeners.stream().filter((listener) -> listener.follows(hold)).toList();
		Mono<List<TicketView>> sale = this.orders
			.sell(order, paymentId, this.properties.maxTicketsPerBuyer(), versions, places, tickets)
			.then(Flux.fromIterable(told)
				.concatMap((listener) -> listener.sold(order.eventId(), order.holdId()))
				.then())
			.thenReturn(tickets);
		// Alone, the statement is its own transaction: no BEGIN and COMMIT round trips.
		return (told.isEmpty() ? sale : sale.as(this.transactional::transactional))
			// The unique index on valid tickets per seat: the last line of defence held.
			.onErrorMap(DataIntegrityViolationException.class, (duplicate) -> BookingExceptions.seatsLost())
			.onErrorResume(ApiException.class,
					(lost) -> this.compensations.beforeCommit(order, lost.getMessage()).then(Mono.error(lost)))
			// Whatever this saga authorized is voided; the outcome is recovery's.
			.onErrorResume(OrderTakenOver.class, (taken) -> this.payments.cancel(order.id()).then(Mono.error(taken)));
	}

	private Mono<Void> capture(OrderRecord order) {
		return this.payments.capture(order.id())
			.onErrorResume((ex) -> ex instanceof PaymentDeclinedException || ex instanceof PaymentUnavailableException,
					(failed) -> this.compensations.afterCommit(order, "payment capture failed")
						.then(Mono.error(BookingExceptions
							.declined("The payment could not be completed; nothing was charged."))));
	}

	/**
	 * Right after the commit, Redis learns the seats are sold: the hold ends, no hold can
	 * take them, SOLD is announced. (Doing it before the capture keeps an expiring hold
	 * from announcing AVAILABLE for a sold seat.) Idempotent; recovery repeats it, also
	 * when Redis has lost the hold meanwhile.
	 */
	Mono<Void> markSold(OrderRecord order) {
		return this.holds.find(order.holdId())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((hold) -> hold.isPresent() ? this.holds.markSold(hold.get())
					: this.catalog.event(order.eventId())
						.flatMap((event) -> this.holds.markSold(event, order.holdId(), order.buyerId(), order.seatIds(),
								order.units())));
	}

	/**
	 * Confirms a captured order, and tells the buyer. (Recovery keeps the answer for the
	 * key afterwards, from the order as it then stands.)
	 */
	Mono<Void> finish(OrderRecord order) {
		return confirm(order, null).then();
	}

	/**
	 * Confirms a captured order (keeping {@code answer} for its Idempotency-Key in the
	 * same statement, if given) and tells the buyer; false if it was not this call that
	 * confirmed it.
	 */
	private Mono<Boolean> confirm(OrderRecord order, @Nullable String answer) {
		return this.orders.confirm(order.id(), answer).doOnNext((confirmed) -> {
			if (confirmed) {
				this.sales.confirmed(order);
			}
		})
			.flatMap((confirmed) -> confirmed ? this.notifications
				.send(order.buyerId(), "order-confirmed",
						Map.of("orderId", order.id().toString(), "eventId", order.eventId().toString()))
				.thenReturn(true) : Mono.just(false));
	}

	/**
	 * The longest a purchase can take, recovery included: how long its claimed seats must
	 * stay held.
	 */
	private Duration longestRun() {
		return this.properties.recoveryAfter()
			.plus(this.properties.recoveryInterval())
			.plus(this.paymentProperties.timeout().multipliedBy(3))
			.plusSeconds(30);
	}

	private OrderRecord newOrder(UUID orderId, Hold hold, String paymentToken, String idempotencyKey) {
		List<OrderRecord.Seat> seats = hold.seats()
			.stream()
			.map((seat) -> new OrderRecord.Seat(seat.id(), seat.priceCents(), seat.version()))
			// In the order they are read back in (seat id, code point by code point).
			.sorted(Comparator.comparing(OrderRecord.Seat::seatId))
			.toList();
		List<OrderRecord.Item> items = hold.items()
			.stream()
			.map((item) -> new OrderRecord.Item(item.ticketTypeId(), item.tierId(), item.quantity(), item.priceCents(),
					item.seated()))
			.toList();
		return new OrderRecord(orderId, hold.buyerId(), hold.eventId(), hold.holdId(), OrderStatus.PENDING,
				SagaStep.CREATED, hold.totalCents(), hold.currency(), paymentToken, idempotencyKey, null, false,
				this.clock.instant(), this.clock.instant(), seats, items, hold.units());
	}

	/**
	 * One ticket per seat, of its section's type, and one per general-admission place
	 * (whose code is signed over its type: it has no seat).
	 */
	private List<TicketView> tickets(OrderRecord order, SalePlan plan, Hold hold) {
		List<TicketView> tickets = new ArrayList<>();
		Map<String, String> sections = new HashMap<>();
		hold.seats().forEach((seat) -> sections.put(seat.id(), seat.section()));
		order.seats().forEach((seat) -> {
			UUID id = RandomUuids.next();
			UUID type = plan.typeOfSection(sections.getOrDefault(seat.seatId(), ""))
				.map(SalePlan.TicketType::id)
				.orElse(null);
			tickets.add(new TicketView(id, order.id(), order.eventId(), seat.seatId(), type,
					this.codes.code(id, order.eventId(), seat.seatId()), "VALID"));
		});
		order.items().stream().filter((item) -> !item.seated()).forEach((item) -> {
			for (int i = 0; i < item.quantity(); i++) {
				UUID id = RandomUuids.next();
				tickets.add(new TicketView(id, order.id(), order.eventId(), null, item.ticketTypeId(),
						this.codes.code(id, order.eventId(), item.ticketTypeId().toString()), "VALID"));
			}
		});
		return tickets;
	}

}
