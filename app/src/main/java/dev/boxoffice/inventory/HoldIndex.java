package dev.boxoffice.inventory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.stereotype.Component;

/**
 * Reads the holds' side of seat state in Redis: which seats are held (the held set maps
 * each held seat to the epoch millisecond its hold expires; entries whose time has passed
 * no longer count), by which holds, and what a hold's record says. For the expiry sweep
 * and the audit too. {@link SeatScripts} changes it.
 */
@Component
public class HoldIndex {

	private final ReactiveStringRedisTemplate redis;

	private final EventKeys keys;

	/** What a seat kept for the event's line is owned by, instead of a hold. */
	static final String LINE = "line";

	HoldIndex(ReactiveStringRedisTemplate redis, EventKeys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	/**
	 * The seats held now: every seat of the held set, also one whose hold has just run
	 * out and that the expiry sweep has not freed yet (within a {@code sweep-interval}).
	 * Until the sweep it is not free — no hold can take it ({@code hold.lua}), it may go
	 * to the event's line, and the change feed announces it AVAILABLE only then — so the
	 * seat list and the snapshots say what a hold would find.
	 */
	public Mono<Set<String>> held(UUID eventId) {
		return this.redis.opsForZSet()
			.range(this.keys.held(eventId), Range.unbounded())
			.collect(HashSet::new, Set::add);
	}

	/** Held seats and holds of places, together. */
	private Mono<Long> holdCount(UUID eventId) {
		return Mono.zip(this.redis.opsForZSet().size(this.keys.held(eventId)),
				this.redis.opsForZSet().size(this.keys.unitHolds(eventId)), Long::sum);
	}

	/** How many seats are held now (as {@link #held}), without reading them. */
	public Mono<Long> heldCount(UUID eventId) {
		return this.redis.opsForZSet().size(this.keys.held(eventId));
	}

	/** The given statistics' totals ({@code all|<what>}), 0 for those never counted. */
	public Mono<List<Long>> statsTotals(UUID eventId, List<String> what) {
		return this.redis.<String, String>opsForHash()
			.multiGet(this.keys.stats(eventId), what.stream().map((name) -> "all|" + name).toList())
			.map((values) -> values.stream().map((value) -> (value != null) ? Long.parseLong(value) : 0L).toList());
	}

	/**
	 * Which of {@code seatIds} are held now (as {@link #held}): one ZMSCORE for just
	 * these seats.
	 */
	Mono<Set<String>> among(UUID eventId, List<String> seatIds) {
		if (seatIds.isEmpty()) {
			return Mono.just(Set.of());
		}
		return this.redis.opsForZSet().score(this.keys.held(eventId), seatIds.toArray()).map((expiries) -> {
			Set<String> held = new HashSet<>();
			for (int i = 0; i < seatIds.size(); i++) {
				if (expiries.get(i) != null) {
					held.add(seatIds.get(i));
				}
			}
			return held;
		});
	}

	/** A hold's record (field to value), empty if the hold is gone. */
	public Mono<Map<String, String>> record(UUID eventId, String holdId) {
		return this.redis.<String, String>opsForHash()
			.entries(this.keys.hold(eventId, holdId))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.filter((fields) -> !fields.isEmpty());
	}

	/** The events that have (or recently had) held seats. */
	public Flux<UUID> eventsWithHolds() {
		return drained(this.redis.opsForSet().members(this.keys.eventsWithHolds()).map(UUID::fromString));
	}

	/**
	 * The holds owning seats whose time falls after {@code fromMillis}, up to
	 * {@code toMillis}.
	 */
	public Flux<String> holdsExpiringWithin(UUID eventId, long fromMillis, long toMillis) {
		Range<Double> window = Range.leftOpen((double) fromMillis, (double) toMillis);
		Flux<String> ofSeats = this.redis.opsForZSet()
			.rangeByScore(this.keys.held(eventId), window)
			.map((seat) -> this.keys.seat(eventId, seat))
			.collectList()
			.filter((seatKeys) -> !seatKeys.isEmpty())
			.flatMapMany((seatKeys) -> this.redis.opsForValue().multiGet(seatKeys))
			.flatMapIterable(
					(owners) -> owners.stream().filter((owner) -> owner != null && !LINE.equals(owner)).toList());
		Flux<String> ofPlaces = this.redis.opsForZSet()
			.rangeByScore(this.keys.unitHolds(eventId), window)
			.map((entry) -> entry.substring(0, entry.indexOf('|')));
		return drained(Flux.concat(ofSeats, ofPlaces).distinct());
	}

	/**
	 * The held set's seats whose time is at or before {@code millis} (expired, unless
	 * claimed since).
	 */
	public Flux<String> seatsDueBy(UUID eventId, long millis) {
		return drained(this.redis.opsForZSet()
			.rangeByScore(this.keys.held(eventId), Range.closed(Double.NEGATIVE_INFINITY, (double) millis)));
	}

	/**
	 * A read of many elements, read whole before its first element goes on. The sweep
	 * sends commands for each element on the same shared connection, and a reply read
	 * more slowly than it arrives makes Lettuce stop reading the connection — every
	 * reply, those commands' own included — until the read times out
	 * ({@code ExpiryWaveTests}).
	 */
	private static <T> Flux<T> drained(Flux<T> read) {
		return read.collectList().flatMapIterable((all) -> all);
	}

	/** How many of those there are (the audit counts holds that outlive their time). */
	public Mono<Long> countDueBy(UUID eventId, long millis) {
		return this.redis.opsForZSet()
			.count(this.keys.held(eventId), Range.closed(Double.NEGATIVE_INFINITY, (double) millis));
	}

	/**
	 * Drops the event from the expiry sweep once it has no held seats (a hold taken
	 * meanwhile keeps it).
	 */
	public Mono<Void> forgetIfIdle(UUID eventId) {
		String events = this.keys.eventsWithHolds();
		return holdCount(eventId).filter((size) -> size == 0)
			.flatMap((empty) -> this.redis.opsForSet().remove(events, eventId.toString()))
			.flatMap((removed) -> holdCount(eventId))
			.filter((size) -> size > 0)
			.flatMap((busy) -> this.redis.opsForSet().add(events, eventId.toString()))
			.then();
	}

	/**
	 * The seats kept for the event's line, each with the epoch millisecond it was freed.
	 */
	public Mono<Map<String, Long>> kept(UUID eventId) {
		return this.redis.opsForZSet()
			.rangeWithScores(this.keys.kept(eventId), Range.unbounded())
			.collectMap((seat) -> seat.getValue(), (seat) -> seat.getScore().longValue());
	}

	/** How many seats are kept for the event's line. */
	public Mono<Long> keptCount(UUID eventId) {
		return this.redis.opsForZSet().size(this.keys.kept(eventId));
	}

	/** Which of {@code seatIds} Redis has owned by the hold {@code holdId}. */
	public Mono<Long> ownedBy(UUID eventId, String holdId, List<String> seatIds) {
		if (seatIds.isEmpty()) {
			return Mono.just(0L);
		}
		return this.redis.opsForValue()
			.multiGet(seatIds.stream().map((seat) -> this.keys.seat(eventId, seat)).toList())
			.map((owners) -> owners.stream().filter(holdId::equals).count());
	}

	/**
	 * The event's sales statistics as the scripts counted them: {@code <epoch
	 * minute>|<what>} and {@code all|<what>} to a count (see {@link EventKeys}).
	 */
	public Mono<Map<String, Long>> stats(UUID eventId) {
		return this.redis.<String, String>opsForHash()
			.entries(this.keys.stats(eventId))
			.collectMap(Map.Entry::getKey, (entry) -> Long.parseLong(entry.getValue()));
	}

	/** The seats Redis marks sold. */
	public Mono<List<String>> markedSold(UUID eventId) {
		return this.redis.opsForSet().members(this.keys.sold(eventId)).collectList();
	}

	/**
	 * How many keys of the event would never expire. Its held set is not counted: its
	 * members each carry their time, and the sweep empties it.
	 */
	public Mono<Long> keysWithoutTtl(UUID eventId) {
		String held = this.keys.held(eventId);
		return this.redis.scan(ScanOptions.scanOptions().match(this.keys.everyKeyOf(eventId)).count(1000).build())
			.filter((key) -> !key.equals(held))
			// PTTL itself: -1 is "no expiry" (the template's getExpire reads it as zero).
			.concatMap((key) -> this.redis
				.execute((connection) -> connection.keyCommands()
					.pTtl(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8))))
				.filter((ttl) -> ttl == -1))
			.count();
	}

}
