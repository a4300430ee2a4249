package dev.boxoffice.inventory;

import java.util.UUID;

import dev.boxoffice.platform.redis.RedisKeyspace;

import org.springframework.stereotype.Component;

/**
 * The Redis keys of one event's seat state, all under the hash tag {@code {e:<event>}} so
 * that one script can touch them together (also on Redis Cluster). Only this feature
 * knows them: others go through {@link SeatScripts}, {@link HoldIndex} and
 * {@link ChangeFeed}.
 * <ul>
 * <li>{@code seat:<id>} — the id of the hold that owns the seat, expiring with it;</li>
 * <li>{@code held} — sorted set of held seats, scored by expiry (epoch ms);</li>
 * <li>{@code hold:<id>} — a hold's record (buyer, seats, versions, prices);</li>
 * <li>{@code sold} — set of seats sold, which no hold may take;</li>
 * <li>{@code feed} — stream of seat changes ({@code seat}, {@code status}), capped;</li>
 * <li>{@code buyer:<id>}, {@code addr:<address>} — the live holds of one buyer, of one
 * client address ({@code <hold>|<seats>}, scored by expiry), which bound what either may
 * hold at once;</li>
 * <li>{@code line} — present while buyers wait in the event's line: seats freed then are
 * kept for it;</li>
 * <li>{@code kept} — sorted set of the seats kept for the line, scored by when they were
 * freed; each such seat's {@code seat:<id>} holds {@code line} instead of a hold id;</li>
 * <li>{@code stats} — the event's sales statistics, counted by the scripts that make each
 * change: {@code <epoch minute>|holds}, {@code |seats}, {@code |released},
 * {@code |expired} (seats), {@code |bought} (holds); places count as seats;</li>
 * <li>{@code units} — the counted allotments (capacity pools, price tiers limited in
 * quantity): {@code <allotment>|cap}, {@code |held}, {@code |sold};</li>
 * <li>{@code unitholds} — sorted set of the holds that take places,
 * {@code <hold>|<units>} (see {@link Units}), scored by expiry;</li>
 * <li>{@code unitsales} — set of the sales of places, {@code <hold>|<units>}: what makes
 * selling and returning them count once.</li>
 * </ul>
 */
@Component
class EventKeys {

	private final RedisKeyspace keyspace;

	EventKeys(RedisKeyspace keyspace) {
		this.keyspace = keyspace;
	}

	String seat(UUID eventId, String seatId) {
		return this.keyspace.eventKey(eventId, "seat", seatId);
	}

	String held(UUID eventId) {
		return this.keyspace.eventKey(eventId, "held");
	}

	String hold(UUID eventId, String holdId) {
		return this.keyspace.eventKey(eventId, "hold", holdId);
	}

	String sold(UUID eventId) {
		return this.keyspace.eventKey(eventId, "sold");
	}

	String feed(UUID eventId) {
		return this.keyspace.eventKey(eventId, "feed");
	}

	String buyerHolds(UUID eventId, UUID buyerId) {
		return this.keyspace.eventKey(eventId, "buyer", buyerId.toString());
	}

	String addressHolds(UUID eventId, String clientAddress) {
		return this.keyspace.eventKey(eventId, "addr", clientAddress);
	}

	String line(UUID eventId) {
		return this.keyspace.eventKey(eventId, "line");
	}

	String kept(UUID eventId) {
		return this.keyspace.eventKey(eventId, "kept");
	}

	String stats(UUID eventId) {
		return this.keyspace.eventKey(eventId, "stats");
	}

	String units(UUID eventId) {
		return this.keyspace.eventKey(eventId, "units");
	}

	String unitHolds(UUID eventId) {
		return this.keyspace.eventKey(eventId, "unitholds");
	}

	String unitSales(UUID eventId) {
		return this.keyspace.eventKey(eventId, "unitsales");
	}

	/** A SCAN pattern that matches every key of the event. */
	String everyKeyOf(UUID eventId) {
		return this.keyspace.eventKey(eventId, "*");
	}

	/** Set of events that have (or recently had) held seats, for the expiry sweep. */
	String eventsWithHolds() {
		return this.keyspace.key("holds", "events");
	}

}
