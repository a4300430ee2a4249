package dev.boxoffice.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.platform.redis.LuaScripts;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The Redis side of seat state: each change is one atomic script call, which has, run
 * twice, the effect of once. This feature alone knows the keys they touch
 * ({@link EventKeys}).
 */
@Component
public class SeatScripts {

	/**
	 * Outcome of a hold attempt: the expiry; or the seats that were taken; or, when the
	 * hold would take its buyer or address past a bound, what is held under it now.
	 */
	public record Attempt(boolean held, long expiresAtMillis, List<String> unavailable, @Nullable Bound bound,
			@Nullable Shortfall shortfall) {
	}

	/**
	 * Why places could not be held: the allotments are not counted in Redis
	 * ({@code allotment} null: load them, then try again), or {@code allotment} has too
	 * little room (or, being one the price skipped as full, has room again).
	 */
	public record Shortfall(@Nullable UUID allotment) {
	}

	/**
	 * A bound a hold would exceed: seats held under it now, its limit, "buyer" or
	 * "address".
	 */
	public record Bound(long held, long limit, String scope) {
	}

	/**
	 * Who a hold counts under, and the most seats each may hold at once (0: no bound).
	 */
	public record Holder(UUID buyerId, String clientAddress, int buyerLimit, int addressLimit) {
	}

	/**
	 * How long a feed found without a lifetime is kept (holds normally give it the
	 * event's).
	 */
	static final long FALLBACK_FEED_LIFETIME_MILLIS = 8L * 24 * 3600 * 1000;

	/**
	 * How long a seat kept for an event's line stays kept unless the waitlist renews it
	 * (it does on every pass): if no instance is left to, the seat goes back to sale soon
	 * after the line's flag runs out.
	 */
	static final long KEPT_SEAT_MILLIS = 10_000;

	/** How long the set of kept seats lives past its last change or renewal. */
	static final long KEPT_SET_MILLIS = 120_000;

	/** The functions the scripts that touch places share. */
	static final String UNITS_LIBRARY = "units-library.lua";

	@SuppressWarnings("rawtypes")
	private final RedisScript<List> hold = LuaScripts.load("hold.lua", UNITS_LIBRARY, List.class);

	private final RedisScript<Long> release = LuaScripts.load("release.lua", UNITS_LIBRARY, Long.class);

	private final RedisScript<Long> claim = LuaScripts.load("claim.lua", UNITS_LIBRARY, Long.class);

	private final RedisScript<Long> unclaim = LuaScripts.load("unclaim.lua", UNITS_LIBRARY, Long.class);

	private final RedisScript<Long> sell = LuaScripts.load("sell.lua", UNITS_LIBRARY, Long.class);

	private final RedisScript<Long> unsell = LuaScripts.load("unsell.lua", Long.class);

	private final RedisScript<Long> expire = LuaScripts.load("expire.lua", Long.class);

	@SuppressWarnings("rawtypes")
	private final RedisScript<List> offer = LuaScripts.load("offer.lua", List.class);

	private final RedisScript<Long> giveBack = LuaScripts.load("giveback.lua", Long.class);

	private final RedisScript<Long> renew = LuaScripts.load("renew.lua", Long.class);

	@SuppressWarnings("rawtypes")
	private final RedisScript<List> warn = LuaScripts.load("warn.lua", List.class);

	private final ReactiveStringRedisTemplate redis;

	private final EventKeys keys;

	private final ChangeFeedProperties properties;

	SeatScripts(ReactiveStringRedisTemplate redis, EventKeys keys, ChangeFeedProperties properties) {
		this.redis = redis;
		this.keys = keys;
		this.properties = properties;
	}

	/**
	 * Holds all of {@code seatIds} and the places {@code units} for {@code ttl}, or none;
	 * {@code full} are allotments that must have no room left (the tiers the price
	 * skipped). {@code record} is what the hold keeps.
	 */
	public Mono<Attempt> hold(UUID eventId, String holdId, Holder holder, List<String> seatIds, Units units,
			List<UUID> full, Duration ttl, Map<String, String> record) {
		List<String> keyList = new ArrayList<>(List.of(this.keys.held(eventId), this.keys.hold(eventId, holdId),
				this.keys.feed(eventId), this.keys.sold(eventId), this.keys.buyerHolds(eventId, holder.buyerId()),
				this.keys.addressHolds(eventId, holder.clientAddress()), this.keys.stats(eventId),
				this.keys.units(eventId), this.keys.unitHolds(eventId)));
		seatIds.forEach((seat) -> keyList.add(this.keys.seat(eventId, seat)));
		List<String> args = new ArrayList<>(List.of(holdId, Long.toString(ttl.toMillis()), feedLength(),
				Integer.toString(seatIds.size()), Integer.toString(holder.buyerLimit()),
				Integer.toString(holder.addressLimit()), units.encode(), Integer.toString(full.size())));
		full.forEach((allotment) -> args.add(allotment.toString()));
		args.addAll(seatIds);
		record.forEach((field, value) -> {
			args.add(field);
			args.add(value);
		});
		return this.redis.execute(this.hold, keyList, args)
			.next()
			.map(SeatScripts::attempt)
			.flatMap((attempt) -> attempt.held()
					? this.redis.opsForSet().add(this.keys.eventsWithHolds(), eventId.toString()).thenReturn(attempt)
					: Mono.just(attempt));
	}

	private static Attempt attempt(List<?> values) {
		long code = ((Number) values.get(0)).longValue();
		if (code == 1) {
			return new Attempt(true, ((Number) values.get(1)).longValue(), List.of(), null, null);
		}
		if (code == 2) {
			return new Attempt(false, 0, List.of(), new Bound(((Number) values.get(1)).longValue(),
					((Number) values.get(2)).longValue(), values.get(3).toString()), null);
		}
		if (code == 3) {
			return new Attempt(false, 0, List.of(), null, new Shortfall(null));
		}
		if (code == 4) {
			return new Attempt(false, 0, List.of(), null, new Shortfall(UUID.fromString(values.get(1).toString())));
		}
		return new Attempt(false, 0, ((List<?>) values.get(1)).stream().map(Object::toString).toList(), null, null);
	}

	/**
	 * Releases the hold's seats and places; -1 if a purchase other than {@code orderId}
	 * ("" for the buyer) has it.
	 */
	public Mono<Long> release(HoldRef hold, String orderId) {
		UUID eventId = hold.eventId();
		List<String> keyList = new ArrayList<>(
				List.of(this.keys.held(eventId), this.keys.hold(eventId, hold.holdId()), this.keys.feed(eventId)));
		keyList.addAll(boundKeys(eventId, hold.buyerId(), hold.clientAddress()));
		keyList.add(this.keys.line(eventId));
		keyList.add(this.keys.kept(eventId));
		keyList.add(this.keys.stats(eventId));
		keyList.add(this.keys.units(eventId));
		keyList.add(this.keys.unitHolds(eventId));
		List<String> seatIds = hold.seatIds();
		seatIds.forEach((seat) -> keyList.add(this.keys.seat(eventId, seat)));
		List<String> args = new ArrayList<>(List.of(hold.holdId(), feedLength(), orderId,
				Long.toString(KEPT_SEAT_MILLIS), Long.toString(KEPT_SET_MILLIS),
				Long.toString(FALLBACK_FEED_LIFETIME_MILLIS), hold.units().encode()));
		args.addAll(seatIds);
		return this.redis.execute(this.release, keyList, args).next();
	}

	/**
	 * Claims the hold for a purchase, keeping it {@code keepMillis}; false if it is not
	 * there to claim.
	 */
	public Mono<Boolean> claim(HoldRef hold, String orderId, long keepMillis) {
		List<String> args = new ArrayList<>(
				List.of(hold.holdId(), orderId, Long.toString(keepMillis), hold.units().encode()));
		args.addAll(hold.seatIds());
		return this.redis.execute(this.claim, claimKeys(hold), args).next().map((claimed) -> claimed == 1L);
	}

	/**
	 * Gives a claimed hold back to its buyer, as it was; false if that order had not
	 * claimed it.
	 */
	public Mono<Boolean> unclaim(HoldRef hold, String orderId) {
		List<String> args = new ArrayList<>(List.of(hold.holdId(), orderId, hold.units().encode()));
		args.addAll(hold.seatIds());
		return this.redis.execute(this.unclaim, claimKeys(hold), args).next().map((undone) -> undone == 1L);
	}

	private List<String> claimKeys(HoldRef hold) {
		UUID eventId = hold.eventId();
		List<String> keyList = new ArrayList<>(
				List.of(this.keys.held(eventId), this.keys.hold(eventId, hold.holdId())));
		keyList.addAll(boundKeys(eventId, hold.buyerId(), hold.clientAddress()));
		keyList.add(this.keys.unitHolds(eventId));
		hold.seatIds().forEach((seat) -> keyList.add(this.keys.seat(eventId, seat)));
		return keyList;
	}

	/**
	 * The hold's seats are sold: no hold may keep or take them; kept until
	 * {@code retainUntil}.
	 */
	public Mono<Long> sell(HoldRef hold, Instant retainUntil) {
		UUID eventId = hold.eventId();
		List<String> keyList = new ArrayList<>(List.of(this.keys.held(eventId), this.keys.hold(eventId, hold.holdId()),
				this.keys.feed(eventId), this.keys.sold(eventId)));
		keyList.addAll(boundKeys(eventId, hold.buyerId(), hold.clientAddress()));
		keyList.add(this.keys.stats(eventId));
		keyList.add(this.keys.units(eventId));
		keyList.add(this.keys.unitHolds(eventId));
		keyList.add(this.keys.unitSales(eventId));
		hold.seatIds().forEach((seat) -> keyList.add(this.keys.seat(eventId, seat)));
		List<String> args = new ArrayList<>(
				List.of(feedLength(), Long.toString(retainUntil.toEpochMilli()), hold.holdId(), hold.units().encode()));
		args.addAll(hold.seatIds());
		return this.redis.execute(this.sell, keyList, args).next();
	}

	/**
	 * Sold seats came back: freed (kept for the event's line while it is open, else
	 * AVAILABLE), unless held anew meanwhile. The event is swept from then on, so that a
	 * kept seat nobody renews goes back to sale.
	 */
	public Mono<Long> unsell(UUID eventId, Collection<String> seatIds, Instant retainUntil) {
		List<String> keyList = new ArrayList<>(List.of(this.keys.feed(eventId), this.keys.sold(eventId),
				this.keys.held(eventId), this.keys.line(eventId), this.keys.kept(eventId)));
		seatIds.forEach((seat) -> keyList.add(this.keys.seat(eventId, seat)));
		List<String> args = new ArrayList<>(List.of(feedLength(), Long.toString(retainUntil.toEpochMilli()),
				Long.toString(KEPT_SEAT_MILLIS), Long.toString(KEPT_SET_MILLIS)));
		args.addAll(seatIds);
		return this.redis.execute(this.unsell, keyList, args)
			.next()
			.flatMap((freed) -> this.redis.opsForSet()
				.add(this.keys.eventsWithHolds(), eventId.toString())
				.thenReturn(freed));
	}

	/** Frees those of {@code seatIds} whose hold has expired; how many. */
	public Mono<Long> expire(UUID eventId, List<String> seatIds) {
		List<String> keyList = new ArrayList<>(List.of(this.keys.held(eventId), this.keys.feed(eventId),
				this.keys.line(eventId), this.keys.kept(eventId), this.keys.stats(eventId)));
		seatIds.forEach((seat) -> keyList.add(this.keys.seat(eventId, seat)));
		List<String> args = new ArrayList<>(List.of(feedLength(), Long.toString(FALLBACK_FEED_LIFETIME_MILLIS),
				Long.toString(KEPT_SEAT_MILLIS), Long.toString(KEPT_SET_MILLIS)));
		args.addAll(seatIds);
		return this.redis.execute(this.expire, keyList, args).next();
	}

	/**
	 * Turns seats kept for the event's line into the hold {@code holdId} for {@code ttl},
	 * all or none; {@code record} is what the hold keeps. Not held: the seats no longer
	 * kept.
	 */
	public Mono<Attempt> offer(UUID eventId, String holdId, List<String> seatIds, Duration ttl,
			Map<String, String> record) {
		List<String> keyList = new ArrayList<>(
				List.of(this.keys.held(eventId), this.keys.hold(eventId, holdId), this.keys.kept(eventId)));
		seatIds.forEach((seat) -> keyList.add(this.keys.seat(eventId, seat)));
		List<String> args = new ArrayList<>(
				List.of(holdId, Long.toString(ttl.toMillis()), Integer.toString(seatIds.size())));
		args.addAll(seatIds);
		record.forEach((field, value) -> {
			args.add(field);
			args.add(value);
		});
		return this.redis.execute(this.offer, keyList, args).next().map(SeatScripts::attempt);
	}

	/**
	 * Seats kept for the event's line go back to sale (AVAILABLE), those still kept; how
	 * many.
	 */
	public Mono<Long> giveBack(UUID eventId, List<String> seatIds) {
		if (seatIds.isEmpty()) {
			return Mono.just(0L);
		}
		List<String> keyList = new ArrayList<>(List.of(this.keys.held(eventId), this.keys.kept(eventId),
				this.keys.feed(eventId), this.keys.sold(eventId)));
		seatIds.forEach((seat) -> keyList.add(this.keys.seat(eventId, seat)));
		List<String> args = new ArrayList<>(List.of(feedLength()));
		args.addAll(seatIds);
		return this.redis.execute(this.giveBack, keyList, args).next();
	}

	/**
	 * The event's line is open for {@code life} more: seats freed meanwhile are kept for
	 * it, and {@code keptSeats} (kept already) stay kept.
	 */
	public Mono<Long> keepLineOpen(UUID eventId, Duration life, List<String> keptSeats) {
		List<String> keyList = new ArrayList<>(
				List.of(this.keys.line(eventId), this.keys.held(eventId), this.keys.kept(eventId)));
		keptSeats.forEach((seat) -> keyList.add(this.keys.seat(eventId, seat)));
		List<String> args = new ArrayList<>(List.of(Long.toString(life.toMillis()), Long.toString(KEPT_SEAT_MILLIS),
				Long.toString(KEPT_SET_MILLIS)));
		args.addAll(keptSeats);
		return this.redis.execute(this.renew, keyList, args)
			.next()
			.flatMap((renewed) -> this.redis.opsForSet()
				.add(this.keys.eventsWithHolds(), eventId.toString())
				.thenReturn(renewed));
	}

	/**
	 * The event's line is closed: seats freed from now on go back to sale (those kept
	 * already are given back by {@link #giveBack}).
	 */
	public Mono<Void> closeLine(UUID eventId) {
		return this.redis.delete(this.keys.line(eventId)).then();
	}

	/**
	 * Marks the hold warned of its expiry, once: its buyer and expiry if this call did.
	 */
	public Mono<List<String>> warn(UUID eventId, String holdId) {
		return this.redis.execute(this.warn, List.of(this.keys.hold(eventId, holdId)), List.of())
			.next()
			.filter((fields) -> fields.size() == 2 && fields.get(0) != null && fields.get(1) != null)
			.map((fields) -> List.of(fields.get(0).toString(), fields.get(1).toString()));
	}

	/**
	 * The buyer's and address's bound keys; "unknown" stands for an address not known any
	 * more.
	 */
	private List<String> boundKeys(UUID eventId, UUID buyerId, @Nullable String clientAddress) {
		return List.of(this.keys.buyerHolds(eventId, buyerId),
				this.keys.addressHolds(eventId, (clientAddress != null) ? clientAddress : "unknown"));
	}

	private String feedLength() {
		return Integer.toString(this.properties.feedLength());
	}

}
