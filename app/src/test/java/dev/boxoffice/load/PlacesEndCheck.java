package dev.boxoffice.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The end checks of a general-admission sale, read in PostgreSQL ({@code -Ddb-url},
 * {@code -Ddb-user}, {@code -Ddb-password}), where the sale is arbitrated. For each pool
 * of the event:
 * <ul>
 * <li>the places claimed ({@code allotment_units} with an order) are no more than its
 * capacity;</li>
 * <li>they are as many as the valid tickets without a seat, of a type drawn on the pool,
 * of the event's confirmed orders;</li>
 * <li>none is claimed by an order that is not CONFIRMED (or by none that exists);</li>
 * <li>the buyers bought as many as are claimed (more, by at most the places of purchases
 * whose answer did not say);</li>
 * <li>the event's public view counts as many sold as are claimed.</li>
 * </ul>
 * A sale may still be finishing when the buyers are done (a declined card's places given
 * back), so the checks are read again, once a second, for up to {@code -Dplaces-settle}
 * seconds (30) until they hold; then the request "places invariants" reads them a last
 * time and fails on any violation.
 */
final class PlacesEndCheck {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String POOLS = """
			SELECT p.id::text AS id, p.name, p.capacity,
			       (SELECT count(*) FROM allotment_units u
			        WHERE u.allotment_id = p.id AND u.order_id IS NOT NULL) AS claimed,
			       (SELECT count(*) FROM tickets t
			        JOIN orders o ON o.id = t.order_id
			        JOIN ticket_type_pools tp ON tp.ticket_type_id = t.ticket_type_id AND tp.pool_id = p.id
			        WHERE o.event_id = p.event_id AND o.status = 'CONFIRMED'
			          AND t.status = 'VALID' AND t.seat_id IS NULL) AS tickets,
			       (SELECT count(*) FROM allotment_units u LEFT JOIN orders o ON o.id = u.order_id
			        WHERE u.allotment_id = p.id AND u.order_id IS NOT NULL
			          AND (o.id IS NULL OR o.status <> 'CONFIRMED')) AS strays
			FROM capacity_pools p WHERE p.event_id = CAST(? AS uuid) ORDER BY p.position
			""";

	private final BenchApi.Event event;

	private final String url;

	private final List<Map<String, Object>> pools = new ArrayList<>();

	private final List<String> violations = new ArrayList<>();

	private PlacesEndCheck(BenchApi.Event event, String url) {
		this.event = event;
		this.url = url;
	}

	/** The checks of {@code event}'s pools, in the database {@code -Ddb-url} names. */
	static PlacesEndCheck of(BenchApi.Event event) {
		String url = LoadSettings.text("db-url", "");
		if (url.isEmpty()) {
			throw new IllegalStateException("A general-admission sale checks its pools in PostgreSQL: "
					+ "give -Ddb-url=jdbc:postgresql://host:port/database (and -Ddb-user, -Ddb-password)");
		}
		return new PlacesEndCheck(event, url);
	}

	/** Reads the checks until they hold or the time is up, then once more, asserted. */
	PopulationBuilder once() {
		int tries = LoadSettings.number("places-settle", 30);
		return scenario("places").exec((session) -> session.set("tries", 0).set("violations", -1))
			.asLongAs((session) -> session.getInt("violations") != 0 && session.getInt("tries") < tries)
			.on(exec((session) -> session.set("violations", read(null)).set("tries", session.getInt("tries") + 1))
				.doIf((session) -> session.getInt("violations") != 0)
				.then(pause(Duration.ofSeconds(1))))
			.exec(http("places invariants").get("/api/events/" + this.event.id())
				.check(bodyString().transform(this::read).is(0)))
			.injectOpen(atOnceUsers(1));
	}

	/** The run fails unless the last reading ran and found nothing wrong. */
	static Assertion[] assertions() {
		return new Assertion[] { details("places invariants").successfulRequests().count().is(1L),
				details("places invariants").failedRequests().count().is(0L) };
	}

	/**
	 * Reads every pool's figures and checks them (and, with the event's public view, its
	 * counts); the number of violations.
	 */
	synchronized int read(String view) {
		this.pools.clear();
		this.violations.clear();
		Map<String, Long> soldInView = (view != null) ? soldInView(view) : Map.of();
		try (Connection db = DriverManager.getConnection(this.url, LoadSettings.text("db-user", "postgres"),
				LoadSettings.text("db-password", "")); PreparedStatement query = db.prepareStatement(POOLS)) {
			query.setString(1, this.event.id());
			try (ResultSet row = query.executeQuery()) {
				while (row.next()) {
					check(row.getString("id"), row.getString("name"), row.getLong("capacity"), row.getLong("claimed"),
							row.getLong("tickets"), row.getLong("strays"), soldInView);
				}
			}
		}
		catch (SQLException ex) {
			this.violations.add("PostgreSQL could not be read: " + ex.getMessage());
		}
		if (this.pools.isEmpty() && this.violations.isEmpty()) {
			this.violations.add("the event has no pool");
		}
		return this.violations.size();
	}

	private void check(String id, String name, long capacity, long claimed, long tickets, long strays,
			Map<String, Long> soldInView) {
		long bought = Rush.placesBought.sum();
		long inDoubt = Rush.placesInDoubt.sum();
		Map<String, Object> pool = new LinkedHashMap<>();
		pool.put("name", name);
		pool.put("capacity", capacity);
		pool.put("claimed", claimed);
		pool.put("validTicketsWithoutSeat", tickets);
		pool.put("claimedByOrdersNotConfirmed", strays);
		pool.put("placesBought", bought);
		pool.put("placesInDoubt", inDoubt);
		this.pools.add(pool);
		if (claimed > capacity) {
			violation(name + ": " + claimed + " places claimed of " + capacity);
		}
		if (claimed != tickets) {
			violation(name + ": " + claimed + " places claimed, " + tickets + " valid tickets of confirmed orders");
		}
		if (strays > 0) {
			violation(name + ": " + strays + " places claimed by orders not CONFIRMED");
		}
		if (claimed < bought || claimed > bought + inDoubt) {
			violation(name + ": " + claimed + " places claimed, the buyers bought " + bought + " (" + inDoubt
					+ " in doubt)");
		}
		if (soldInView.containsKey(id) && soldInView.get(id) != claimed) {
			violation(name + ": the event shows " + soldInView.get(id) + " sold, " + claimed + " claimed");
		}
	}

	private void violation(String what) {
		this.violations.add(what);
	}

	private static Map<String, Long> soldInView(String view) {
		Map<String, Long> sold = new LinkedHashMap<>();
		for (JsonNode pool : json.readTree(view).path("pools")) {
			sold.put(pool.path("id").asString(), pool.path("counts").path("sold").asLong());
		}
		return sold;
	}

	/** What the last reading found: each pool's figures, and any violations. */
	synchronized Map<String, Object> report() {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("pools", List.copyOf(this.pools));
		report.put("violations", List.copyOf(this.violations));
		return report;
	}

}
