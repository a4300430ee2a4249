package dev.boxoffice.booking;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.catalog.SalePlan;
import dev.boxoffice.catalog.SalePlans;
import dev.boxoffice.inventory.Allotments;
import dev.boxoffice.inventory.Allotments.Count;
import dev.boxoffice.platform.audit.EventInvariants;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The ticket types' part of an event's audit: pools and limited tiers never oversold (in
 * PostgreSQL, and held + sold in Redis), each tier's tickets at its price and within its
 * quantity, every order charged what its hold priced, and each sale of places counted
 * once in Redis, as PostgreSQL has it.
 */
@Component
class PlaceInvariants implements EventInvariants {

	private final DatabaseClient db;

	private final SalePlans plans;

	private final Allotments allotments;

	PlaceInvariants(DatabaseClient db, SalePlans plans, Allotments allotments) {
		this.db = db;
		this.plans = plans;
		this.allotments = allotments;
	}

	@Override
	public Flux<Invariant> check(UUID eventId, Instant now) {
		return this.plans.of(eventId)
			.flatMapMany((plan) -> Flux.concat(notOversold(plan), placesOfValidTickets(eventId),
					tiersAtTheirPriceAndQuantity(eventId), chargedWhatWasHeld(eventId), countedOnce(plan)));
	}

	/**
	 * Per pool and limited tier: sold in PostgreSQL, and held + sold in Redis, ≤
	 * capacity.
	 */
	private Mono<Invariant> notOversold(SalePlan plan) {
		Map<UUID, Integer> capacities = plan.arbitrated();
		return Mono
			.zip(this.allotments.soldInDatabase(capacities.keySet().stream().toList()),
					this.allotments.counts(plan.eventId()))
			.map((found) -> {
				long over = capacities.entrySet().stream().filter((allotment) -> {
					long sold = found.getT1().getOrDefault(allotment.getKey(), 0L);
					Count live = found.getT2().get(allotment.getKey());
					long taken = (live != null) ? live.held() + live.sold() : 0;
					return sold > allotment.getValue() || taken > allotment.getValue();
				}).count();
				return Invariant.none("placesNotOversold", over,
						"no pool or limited tier has more places sold (PostgreSQL), or held and sold (Redis), than its capacity");
			});
	}

	/**
	 * The places claimed in PostgreSQL are exactly those of orders with valid tickets: as
	 * many general-admission tickets as places of each type's pools, none claimed by an
	 * order without valid tickets.
	 */
	private Mono<Invariant> placesOfValidTickets(UUID eventId) {
		return count("""
				SELECT (SELECT count(*) FROM allotment_units u JOIN orders o ON o.id = u.order_id
				        WHERE o.event_id = :event
				          AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.order_id = o.id AND t.status = 'VALID'))
				     + (SELECT count(*) FROM (
				          SELECT t.order_id, t.ticket_type_id, count(*) AS tickets FROM tickets t
				          WHERE t.event_id = :event AND t.status = 'VALID' AND t.seat_id IS NULL
				          GROUP BY t.order_id, t.ticket_type_id) g
				        JOIN ticket_type_pools tp ON tp.ticket_type_id = g.ticket_type_id
				        WHERE g.tickets <> (SELECT count(*) FROM allotment_units u
				                            WHERE u.order_id = g.order_id AND u.allotment_id = tp.pool_id)) AS found
				""", eventId).map((found) -> Invariant.none("placesClaimedByTheirTickets", found,
				"every place claimed in PostgreSQL belongs to an order with valid tickets, one per general-admission ticket of each of its type's pools"));
	}

	/**
	 * Of each limited tier, no more tickets valid than its quantity, and every ticket of
	 * a tier at the tier's price.
	 */
	private Mono<Invariant> tiersAtTheirPriceAndQuantity(UUID eventId) {
		return count("""
				SELECT (SELECT count(*) FROM order_items i JOIN orders o ON o.id = i.order_id
				        JOIN price_tiers p ON p.id = i.tier_id
				        WHERE o.event_id = :event AND i.price_cents <> p.price_cents)
				     + (SELECT count(*) FROM price_tiers p JOIN ticket_types tt ON tt.id = p.ticket_type_id
				        WHERE tt.event_id = :event AND p.quantity IS NOT NULL
				          AND p.quantity < (SELECT COALESCE(sum(i.quantity), 0) FROM order_items i
				                            WHERE i.tier_id = p.id AND EXISTS (SELECT 1 FROM tickets t
				                              WHERE t.order_id = i.order_id AND t.status = 'VALID'))) AS found
				""", eventId).map((found) -> Invariant.none("tiersAtTheirPriceWithinTheirQuantity", found,
				"every ticket of a tier is at the tier's price, and no tier has more valid tickets than its quantity"));
	}

	/**
	 * Every order's total is its seats' and places' prices as held, and what its payment
	 * was for.
	 */
	private Mono<Invariant> chargedWhatWasHeld(UUID eventId) {
		return count("""
				SELECT count(*) AS found FROM orders o
				LEFT JOIN simulated_payments p ON p.order_id = o.id
				WHERE o.event_id = :event AND (
				  o.total_cents <> (SELECT COALESCE(sum(s.price_cents), 0) FROM order_seats s WHERE s.order_id = o.id)
				                 + (SELECT COALESCE(sum(i.quantity * i.price_cents), 0) FROM order_items i
				                    JOIN ticket_types tt ON tt.id = i.ticket_type_id
				                    WHERE i.order_id = o.id AND tt.kind = 'GENERAL_ADMISSION')
				  OR (p.order_id IS NOT NULL AND p.amount_cents <> o.total_cents))
				""", eventId).map((found) -> Invariant.none("chargedWhatWasHeld", found,
				"every order's total is the prices its hold gave its seats and places, and its payment is for that total"));
	}

	/**
	 * Redis counts each sale of places once: its sold counts are the sum of its sales,
	 * and its sales are those PostgreSQL has (a place returned is in neither).
	 */
	private Mono<Invariant> countedOnce(SalePlan plan) {
		Map<UUID, Integer> capacities = plan.arbitrated();
		if (capacities.isEmpty()) {
			return Mono.just(Invariant.none("placesCountedOnce", 0,
					"Redis counts every sale of places once, as PostgreSQL has it"));
		}
		return Mono
			.zip(this.allotments.sales(plan.eventId()).collectList(), this.allotments.counts(plan.eventId()),
					this.allotments.soldInDatabase(capacities.keySet().stream().toList()))
			.map((found) -> {
				Map<UUID, Long> fromSales = new HashMap<>();
				found.getT1()
					.forEach((sale) -> sale.units()
						.counts()
						.forEach((id, n) -> fromSales.merge(id, n.longValue(), Long::sum)));
				long wrong = capacities.keySet().stream().filter((id) -> {
					Count live = found.getT2().get(id);
					if (live == null) {
						// Not counted in Redis (lost, or never loaded): nothing to
						// compare.
						return false;
					}
					long sales = fromSales.getOrDefault(id, 0L);
					return live.sold() != sales || sales != found.getT3().getOrDefault(id, 0L);
				}).count();
				return Invariant.none("placesCountedOnce", wrong,
						"Redis counts every sale of places once, as PostgreSQL has it: per pool and limited tier, sold = its sales = places claimed");
			});
	}

	private Mono<Long> count(String sql, UUID eventId) {
		return this.db.sql(sql).bind("event", eventId).map((row) -> row.get("found", Long.class)).one();
	}

}
