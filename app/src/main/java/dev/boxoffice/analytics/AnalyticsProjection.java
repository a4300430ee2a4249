package dev.boxoffice.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Projects the booking records into {@code sale_facts}, every
 * {@code boxoffice.analytics.projection-interval}, on every instance. Each pass reads the
 * orders changed since shortly before the previous one (an order's {@code updated_at} is
 * its transaction's start, which can precede the commit by a lock wait or a slow
 * statement, so a pass looks back {@link #OVERLAP}, and one pass a minute
 * {@link #CATCH_UP}) and inserts their facts; a fact already there is left as it is (its
 * key is the order's and the fact's), so a pass made twice, by two instances, or over an
 * order recovery finished, counts each fact once.
 * <ul>
 * <li>{@code SOLD}: a confirmed order's seats of one section (an order later cancelled
 * was confirmed first), at the order's creation;</li>
 * <li>{@code REFUNDED}: a cancelled order's seats of one section, at its
 * cancellation;</li>
 * <li>{@code FAILED}: a failed order with its reason.</li>
 * </ul>
 */
@Component
class AnalyticsProjection {

	private static final Logger log = LoggerFactory.getLogger(AnalyticsProjection.class);

	static final Duration OVERLAP = Duration.ofSeconds(2);

	/**
	 * Longer than the longest statement (30 s) and lock wait (10 s) an order may meet.
	 */
	static final Duration CATCH_UP = Duration.ofSeconds(90);

	/** How far back the first pass of an instance looks. */
	static final Duration FIRST_LOOK = Duration.ofDays(8);

	private static final List<String> PROJECTIONS = List.of("""
			INSERT INTO sale_facts (event_id, fact, kind, at, section_code, seats, cents)
			SELECT o.event_id, 'sold:' || o.id || ':' || s.section_code, 'SOLD', o.created_at, s.section_code,
			       count(*), sum(os.price_cents)
			FROM orders o
			JOIN order_seats os ON os.order_id = o.id
			JOIN seats s ON s.event_id = o.event_id AND s.seat_id = os.seat_id
			WHERE o.updated_at >= :since AND o.status IN ('CONFIRMED', 'CANCELLING', 'CANCELLED')
			GROUP BY o.event_id, o.id, o.created_at, s.section_code
			ON CONFLICT DO NOTHING
			""", """
			INSERT INTO sale_facts (event_id, fact, kind, at, section_code, seats, cents)
			SELECT o.event_id, 'refund:' || o.id || ':' || s.section_code, 'REFUNDED', o.updated_at, s.section_code,
			       count(*), sum(os.price_cents)
			FROM orders o
			JOIN order_seats os ON os.order_id = o.id
			JOIN seats s ON s.event_id = o.event_id AND s.seat_id = os.seat_id
			WHERE o.updated_at >= :since AND o.status = 'CANCELLED'
			GROUP BY o.event_id, o.id, o.updated_at, s.section_code
			ON CONFLICT DO NOTHING
			""", """
			INSERT INTO sale_facts (event_id, fact, kind, at, section_code, seats, cents)
			SELECT o.event_id, 'sold:' || o.id || ':type:' || t.id, 'SOLD', o.created_at, t.name,
			       sum(i.quantity), sum(i.quantity * i.price_cents)
			FROM orders o
			JOIN order_items i ON i.order_id = o.id
			JOIN ticket_types t ON t.id = i.ticket_type_id AND t.kind = 'GENERAL_ADMISSION'
			WHERE o.updated_at >= :since AND o.status IN ('CONFIRMED', 'CANCELLING', 'CANCELLED')
			GROUP BY o.event_id, o.id, o.created_at, t.id, t.name
			ON CONFLICT DO NOTHING
			""", """
			INSERT INTO sale_facts (event_id, fact, kind, at, section_code, seats, cents)
			SELECT o.event_id, 'refund:' || o.id || ':type:' || t.id, 'REFUNDED', o.updated_at, t.name,
			       sum(i.quantity), sum(i.quantity * i.price_cents)
			FROM orders o
			JOIN order_items i ON i.order_id = o.id
			JOIN ticket_types t ON t.id = i.ticket_type_id AND t.kind = 'GENERAL_ADMISSION'
			WHERE o.updated_at >= :since AND o.status = 'CANCELLED'
			GROUP BY o.event_id, o.id, o.updated_at, t.id, t.name
			ON CONFLICT DO NOTHING
			""",
			"""
					INSERT INTO sale_facts (event_id, fact, kind, at, seats, cents, reason)
					SELECT o.event_id, 'failed:' || o.id, 'FAILED', o.updated_at,
					       (SELECT count(*) FROM order_seats os WHERE os.order_id = o.id)
					       + (SELECT COALESCE(sum(i.quantity), 0) FROM order_items i JOIN ticket_types t ON t.id = i.ticket_type_id
					          WHERE i.order_id = o.id AND t.kind = 'GENERAL_ADMISSION'), o.total_cents, o.failure_reason
					FROM orders o
					WHERE o.updated_at >= :since AND o.status = 'FAILED'
					ON CONFLICT DO NOTHING
					""");

	private final DatabaseClient db;

	/** The database's clock at the start of the last pass; null before the first. */
	private volatile @Nullable Instant lastPass;

	private volatile long passes;

	AnalyticsProjection(DatabaseClient db) {
		this.db = db;
	}

	/** (Spring subscribes to the returned Mono again on every run.) */
	@Scheduled(fixedDelayString = "${boxoffice.analytics.projection-interval:1s}")
	Mono<Void> periodically() {
		return Mono.defer(this::project).onErrorResume((ex) -> {
			log.warn("Projecting the sales analytics failed; will try again", ex);
			return Mono.just(0L);
		}).then();
	}

	/** One pass; how many facts it added. */
	Mono<Long> project() {
		Instant previous = this.lastPass;
		Duration back = (this.passes++ % 60 == 0) ? CATCH_UP : OVERLAP;
		return this.db.sql("SELECT now() AS now").map((row) -> row.get("now", Instant.class)).one().flatMap((now) -> {
			Instant since = (previous != null) ? previous.minus(back) : now.minus(FIRST_LOOK);
			return Flux.fromIterable(PROJECTIONS)
				.concatMap((sql) -> this.db.sql(sql).bind("since", since).fetch().rowsUpdated())
				.reduce(0L, Long::sum)
				.doOnNext((added) -> this.lastPass = now);
		});
	}

}
