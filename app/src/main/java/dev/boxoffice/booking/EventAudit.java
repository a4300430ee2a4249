package dev.boxoffice.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.booking.AuditReport.Check;
import dev.boxoffice.hold.HoldProperties;
import dev.boxoffice.inventory.HoldIndex;
import dev.boxoffice.inventory.SeatInventory;
import dev.boxoffice.payment.PaymentGateway;
import dev.boxoffice.payment.PaymentStatus;
import dev.boxoffice.platform.audit.EventInvariants;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Reconciles PostgreSQL, Redis and the payment provider for one event, and reports every
 * invariant of the booking pipeline. Meant for operators and the load harness, at rest or
 * during a sale (then a purchase in flight may show for a moment).
 */
@Component
class EventAudit {

	private final DatabaseClient db;

	private final SeatInventory inventory;

	private final PaymentGateway payments;

	private final HoldIndex index;

	private final BookingProperties booking;

	private final HoldProperties holds;

	private final Clock clock;

	private final LeftoverAudit leftovers;

	private final List<EventInvariants> features;

	EventAudit(DatabaseClient db, SeatInventory inventory, PaymentGateway payments, HoldIndex index,
			BookingProperties booking, HoldProperties holds, Clock clock, LeftoverAudit leftovers,
			List<EventInvariants> features) {
		this.leftovers = leftovers;
		this.features = features;
		this.db = db;
		this.inventory = inventory;
		this.payments = payments;
		this.index = index;
		this.booking = booking;
		this.holds = holds;
		this.clock = clock;
	}

	Mono<AuditReport> audit(UUID eventId) {
		Instant now = this.clock.instant();
		return Flux
			.concat(ticketsAndSales(eventId), payments(eventId), stuckOrders(eventId, now), holds(eventId, now),
					this.leftovers.checks(eventId, now), features(eventId, now))
			.collectList()
			.map((checks) -> AuditReport.of(eventId, now, checks));
	}

	/** The invariants other features keep (the waitlist's, for one). */
	private Flux<Check> features(UUID eventId, Instant now) {
		return Flux.fromIterable(this.features)
			.concatMap((feature) -> feature.check(eventId, now))
			.map((invariant) -> new Check(invariant.name(), invariant.ok(), invariant.value(), invariant.rule()));
	}

	private Flux<Check> ticketsAndSales(UUID eventId) {
		Mono<long[]> counts = this.db.sql("""
				SELECT (SELECT count(*) FROM tickets WHERE event_id = :event AND status = 'VALID'
				         AND seat_id IS NOT NULL) AS tickets,
				       (SELECT count(*) FROM order_seats s JOIN orders o ON o.id = s.order_id
				         WHERE o.event_id = :event AND o.status IN ('CONFIRMED', 'CANCELLING')) AS ordered,
				       (SELECT count(*) FROM (SELECT seat_id FROM tickets WHERE event_id = :event AND status = 'VALID'
				         AND seat_id IS NOT NULL GROUP BY seat_id HAVING count(*) > 1) twice) AS twice
				""")
			.bind("event", eventId)
			.map((row) -> new long[] { row.get("tickets", Long.class), row.get("ordered", Long.class),
					row.get("twice", Long.class) })
			.one();
		return Mono.zip(counts, this.inventory.counts(eventId)).flatMapMany((both) -> {
			long tickets = both.getT1()[0];
			long ordered = both.getT1()[1];
			long sold = both.getT2().sold();
			return Flux.just(
					new Check("seatSoldAtMostOnce", both.getT1()[2] == 0, both.getT1()[2],
							"no seat has two valid tickets"),
					new Check("soldSeatsEqualValidTickets", sold == tickets, sold - tickets,
							"sold seats (" + sold + ") = valid tickets for seats (" + tickets + ")"),
					new Check("validTicketsEqualConfirmedSeats", tickets == ordered, tickets - ordered,
							"valid tickets for seats (" + tickets + ") = seats of confirmed orders (" + ordered + ")"));
		});
	}

	/** Every confirmed order is paid; no failed or cancelled order keeps a payment. */
	private Flux<Check> payments(UUID eventId) {
		return this.db.sql(
				"SELECT id, status FROM orders WHERE event_id = :event AND status IN ('CONFIRMED', 'FAILED', 'CANCELLED')")
			.bind("event", eventId)
			.map((row) -> new Object[] { row.get("id", UUID.class), row.get("status", String.class) })
			.all()
			.flatMap((order) -> this.payments.status((UUID) order[0]).map((payment) -> {
				boolean confirmed = "CONFIRMED".equals(order[1]);
				if (confirmed) {
					return (payment == PaymentStatus.CAPTURED) ? 0 : 1;
				}
				return (payment == PaymentStatus.CAPTURED || payment == PaymentStatus.AUTHORIZED) ? 2 : 0;
			}), 8)
			.collectList()
			.flatMapMany((outcomes) -> {
				long unpaid = outcomes.stream().filter((o) -> o == 1).count();
				long kept = outcomes.stream().filter((o) -> o == 2).count();
				return Flux.just(
						new Check("confirmedOrdersArePaid", unpaid == 0, unpaid,
								"every confirmed order has a captured payment"),
						new Check("noPaymentWithoutTickets", kept == 0, kept,
								"no failed or cancelled order keeps a captured or authorized payment"));
			});
	}

	private Mono<Check> stuckOrders(UUID eventId, Instant now) {
		Duration patience = this.booking.recoveryAfter().plus(this.booking.recoveryInterval()).plusSeconds(10);
		return this.db
			.sql("SELECT count(*) AS stuck FROM orders WHERE event_id = :event "
					+ "AND status IN ('PENDING', 'CANCELLING') AND updated_at < :before")
			.bind("event", eventId)
			.bind("before", now.minus(patience))
			.map((row) -> row.get("stuck", Long.class))
			.one()
			.map((stuck) -> new Check("noOrderStuckPending", stuck == 0, stuck,
					"no order unfinished for longer than recovery takes (" + patience.toSeconds() + " s)"));
	}

	private Flux<Check> holds(UUID eventId, Instant now) {
		long lateBefore = now.minus(this.holds.sweepInterval()).minusSeconds(5).toEpochMilli();
		Mono<Long> late = this.index.countDueBy(eventId, lateBefore);
		Mono<Long> heldAndSold = this.index.held(eventId)
			.flatMap((seats) -> seats.isEmpty() ? Mono.just(0L)
					: this.inventory.lookup(eventId, new ArrayList<>(seats)).filter((seat) -> seat.sold()).count());
		Mono<Long> markedButNotSold = this.index.markedSold(eventId)
			.flatMap((seats) -> seats.isEmpty() ? Mono.just(0L)
					: this.inventory.lookup(eventId, seats).filter((seat) -> !seat.sold()).count());
		return Mono.zip(late, heldAndSold, markedButNotSold)
			.flatMapMany((all) -> Flux.just(
					new Check("noHoldOutlivesItsTtl", all.getT1() == 0, all.getT1(),
							"no hold lasts more than a few seconds past its TTL (or its purchase)"),
					new Check("noSeatHeldAndSold", all.getT2() == 0, all.getT2(),
							"no sold seat is also held (except for a purchase finishing right now)"),
					new Check("redisAgreesWhatIsSold", all.getT3() == 0, all.getT3(),
							"every seat Redis marks sold is sold in PostgreSQL")));
	}

}
