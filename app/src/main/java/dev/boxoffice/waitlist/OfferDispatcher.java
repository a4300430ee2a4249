package dev.boxoffice.waitlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.catalog.EventStatus;
import dev.boxoffice.catalog.EventView;
import dev.boxoffice.inventory.HoldIndex;
import dev.boxoffice.inventory.SeatInventory;
import dev.boxoffice.inventory.SeatRecord;
import dev.boxoffice.inventory.SeatScripts;
import dev.boxoffice.platform.RandomUuids;
import dev.boxoffice.platform.redis.LuaScripts;
import dev.boxoffice.platform.redis.RedisKeyspace;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Turns seats kept for a line into offers, on every instance, every
 * {@code boxoffice.waitlist.dispatch-interval} for events with kept seats and once a
 * second for every event with live entries. A pass over one event, which one instance at
 * a time makes (a short lock in Redis), does in order: ends the offers whose hold is gone
 * unbought ({@link Offers#settle}); keeps the line open in Redis while entries wait (or
 * closes it, giving the kept seats back to sale); matches the kept seats to the line
 * ({@link OfferRule}) and makes each offer ({@link Offers#make}); gives back the seats no
 * one in line can use; tells the first waiting entries their new places. PostgreSQL
 * decides every offer, so a pass made twice, or by two instances at once, offers a seat
 * once.
 */
@Component
class OfferDispatcher {

	private static final Logger log = LoggerFactory.getLogger(OfferDispatcher.class);

	/** How long the line's flag lasts unless a pass renews it. */
	static final Duration LINE_LIFE = Duration.ofSeconds(30);

	/** How long a pass may hold its event's lock. */
	private static final Duration PASS_LOCK = Duration.ofSeconds(10);

	private static final Duration FULL_PASS_EVERY = Duration.ofSeconds(1);

	/** Offers of one pass made at the same time. */
	private static final int OFFERS_AT_ONCE = 8;

	/** Entries a pass looks at, from the front. */
	private static final int LINE_LOOKED_AT = 1000;

	private final RedisScript<Long> unlock = LuaScripts.load("unlock.lua", Long.class);

	private final WaitlistRepository entries;

	private final Offers offers;

	private final SeatScripts scripts;

	private final HoldIndex index;

	private final SeatInventory inventory;

	private final EventCatalog catalog;

	private final WaitlistProperties properties;

	private final ReactiveStringRedisTemplate redis;

	private final RedisKeyspace keyspace;

	private final Clock clock;

	/** Events with live entries, and when each had its last full pass here. */
	private final Map<UUID, Instant> lines = new ConcurrentHashMap<>();

	private volatile Instant refreshed = Instant.EPOCH;

	OfferDispatcher(WaitlistRepository entries, Offers offers, SeatScripts scripts, HoldIndex index,
			SeatInventory inventory, EventCatalog catalog, WaitlistProperties properties,
			ReactiveStringRedisTemplate redis, RedisKeyspace keyspace, Clock clock) {
		this.entries = entries;
		this.offers = offers;
		this.scripts = scripts;
		this.index = index;
		this.inventory = inventory;
		this.catalog = catalog;
		this.properties = properties;
		this.redis = redis;
		this.keyspace = keyspace;
		this.clock = clock;
	}

	/** A buyer joined the event's line here: looked at from the next tick on. */
	void joined(UUID eventId) {
		this.lines.putIfAbsent(eventId, Instant.EPOCH);
	}

	/** (Spring subscribes to the returned Mono again on every run.) */
	@Scheduled(fixedDelayString = "${boxoffice.waitlist.dispatch-interval:250ms}")
	Mono<Void> tick() {
		return Mono.defer(this::tickNow);
	}

	private Mono<Void> tickNow() {
		Instant now = this.clock.instant();
		Mono<Void> refresh = Mono.empty();
		if (now.isAfter(this.refreshed.plus(FULL_PASS_EVERY))) {
			this.refreshed = now;
			refresh = this.entries.eventsWithLiveEntries().doOnNext(this::joined).then();
		}
		return refresh.thenMany(Flux.fromIterable(List.copyOf(this.lines.keySet())))
			.concatMap((eventId) -> due(eventId, now).filter(Boolean::booleanValue)
				.flatMap((due) -> pass(eventId))
				.onErrorResume((ex) -> {
					log.warn("Waitlist pass of event {} failed; will try again", eventId, ex);
					return Mono.empty();
				}))
			.onErrorResume((ex) -> {
				log.warn("Waitlist passes failed; will try again", ex);
				return Mono.empty();
			})
			.then();
	}

	/** A full pass is due once a second, and whenever seats are kept for the line. */
	private Mono<Boolean> due(UUID eventId, Instant now) {
		Instant last = this.lines.getOrDefault(eventId, Instant.EPOCH);
		if (!now.isBefore(last.plus(FULL_PASS_EVERY))) {
			return Mono.just(true);
		}
		return this.index.keptCount(eventId).map((kept) -> kept > 0);
	}

	/** One pass over the event, if no other instance is making one. */
	Mono<Void> pass(UUID eventId) {
		this.lines.computeIfPresent(eventId, (id, last) -> this.clock.instant());
		String lock = this.keyspace.eventKey(eventId, "waitlist", "pass");
		String token = RandomUuids.next().toString();
		return this.redis.opsForValue()
			.setIfAbsent(lock, token, PASS_LOCK)
			.filter(Boolean::booleanValue)
			.flatMap((locked) -> passLocked(eventId)
				.then(this.redis.execute(this.unlock, List.of(lock), List.of(token)).then()));
	}

	private Mono<Void> passLocked(UUID eventId) {
		return this.offers.settle(eventId)
			.then(this.catalog.event(eventId))
			.flatMap((event) -> this.entries.waiting(eventId, LINE_LOOKED_AT)
				.collectList()
				.zipWith(this.index.kept(eventId))
				.flatMap((found) -> {
					List<WaitlistEntry> line = found.getT1();
					Map<String, Long> kept = found.getT2();
					if (line.isEmpty() || event.status() != EventStatus.ON_SALE) {
						return close(eventId, kept);
					}
					return this.scripts.keepLineOpen(eventId, LINE_LIFE, List.copyOf(kept.keySet()))
						.then(kept.isEmpty() ? Mono.empty() : serve(event, line, kept));
				}));
	}

	/**
	 * No one waits (or the event is no longer on sale): the line closes, and what was
	 * kept for it goes back to sale. The event is looked at no more once it has no live
	 * entries either.
	 */
	private Mono<Void> close(UUID eventId, Map<String, Long> kept) {
		return this.scripts.closeLine(eventId)
			.then(this.scripts.giveBack(eventId, List.copyOf(kept.keySet())))
			.then(this.entries.hasLiveEntries(eventId))
			.doOnNext((live) -> {
				if (!live) {
					this.lines.remove(eventId);
				}
			})
			.then();
	}

	private Mono<Void> serve(EventView event, List<WaitlistEntry> line, Map<String, Long> kept) {
		UUID eventId = event.id();
		return Mono
			.zip(this.inventory.lookup(eventId, kept.keySet()).collectList(),
					this.entries.sectionsWaited(eventId)
						.collect(HashSet<@Nullable String>::new,
								(sections, section) -> sections.add(section.isEmpty() ? null : section)))
			.flatMap((found) -> {
				List<SeatRecord> seats = found.getT1();
				Set<@Nullable String> sections = found.getT2();
				List<String> sold = seats.stream().filter(SeatRecord::sold).map(SeatRecord::id).toList();
				List<OfferRule.KeptSeat> free = seats.stream()
					.filter((seat) -> !seat.sold())
					.map((seat) -> new OfferRule.KeptSeat(seat, kept.get(seat.id())))
					.toList();
				OfferRule.Plan plan = OfferRule.plan(free, line, sections, this.clock.millis(),
						this.properties.holdBack().toMillis());
				// Each offer has entries and seats of its own (the plan gives every seat
				// once): they are made side by side, a few at a time.
				return Flux.fromIterable(plan.offers())
					.flatMap((match) -> this.offers.make(event, match), OFFERS_AT_ONCE)
					.count()
					.flatMap((made) -> this.scripts.giveBack(eventId, concat(sold, plan.giveBack()))
						.then((made > 0) ? tellPlaces(eventId) : Mono.empty()));
			});
	}

	/** The first waiting entries are told their places, after offers moved the line. */
	private Mono<Void> tellPlaces(UUID eventId) {
		if (this.properties.positionNotices() == 0) {
			return Mono.empty();
		}
		return this.entries.places(eventId, this.properties.positionNotices())
			.flatMap((place) -> this.offers.tellPlace(eventId, place), 16)
			.then();
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return Stream.concat(first.stream(), second.stream()).toList();
	}

}
