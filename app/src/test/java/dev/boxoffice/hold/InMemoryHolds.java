package dev.boxoffice.hold;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.boxoffice.inventory.Allotments;
import dev.boxoffice.inventory.HoldIndex;
import dev.boxoffice.inventory.SeatScripts;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Events' held seats in memory, read and changed as {@link HoldIndex} and the seat
 * scripts read and change Redis: each held seat with its hold and the epoch millisecond
 * it expires; a hold is warned once, and not while claimed ({@code warn.lua}); expiring
 * frees only the given seats whose time has passed ({@code expire.lua}), and is recorded
 * with the time.
 */
final class InMemoryHolds {

	/** A hold's seats. */
	record Held(UUID eventId, String holdId, UUID buyerId, long expiresAtMillis, List<String> seats) {
	}

	/** An event's seats freed by one run of the expiry script, and when. */
	record Freed(UUID eventId, List<String> seats, long atMillis) {
	}

	private record Seat(String id, Held hold) {
	}

	private final List<Seat> held = new CopyOnWriteArrayList<>();

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	private final Set<UUID> events = new CopyOnWriteArraySet<>();

	private final List<Freed> freed = new CopyOnWriteArrayList<>();

	private final Map<UUID, RuntimeException> failing = new ConcurrentHashMap<>();

	private final Set<UUID> failingWarnings = ConcurrentHashMap.newKeySet();

	private final Set<String> claimed = ConcurrentHashMap.newKeySet();

	private final AtomicInteger warnCalls = new AtomicInteger();

	private final Clock clock;

	InMemoryHolds(Clock clock) {
		this.clock = clock;
	}

	void add(Held hold) {
		hold.seats().forEach((seat) -> this.held.add(new Seat(seat, hold)));
		this.events.add(hold.eventId());
	}

	/** Every script run on the event's keys fails from now on. */
	void failScriptsOf(UUID eventId) {
		this.failing.put(eventId, new IllegalStateException("ERR script failed on the keys of " + eventId));
	}

	/**
	 * The warning script fails on the event's holds from now on (the rest still runs).
	 */
	void failWarningsOf(UUID eventId) {
		this.failingWarnings.add(eventId);
	}

	/** A purchase claims the hold: it is not warned while claimed ({@code warn.lua}). */
	void claim(String holdId) {
		this.claimed.add(holdId);
	}

	/** The claim is undone: the hold is its buyer's again. */
	void unclaim(String holdId) {
		this.claimed.remove(holdId);
	}

	/** How many times the warning script was run, whatever it found. */
	int warnCalls() {
		return this.warnCalls.get();
	}

	/** The runs of the expiry script that freed seats. */
	List<Freed> freed() {
		return this.freed;
	}

	/** The events the sweep still walks, in the order their first holds were taken. */
	Set<UUID> eventsWithHolds() {
		return this.events;
	}

	HoldIndex index() {
		HoldIndex index = mock(HoldIndex.class);
		when(index.eventsWithHolds())
			.thenAnswer((call) -> Flux.defer(() -> Flux.fromIterable(List.copyOf(this.events))));
		when(index.holdsExpiringWithin(any(UUID.class), anyLong(), anyLong()))
			.thenAnswer((call) -> seats(call.getArgument(0))
				.filter((seat) -> seat.hold().expiresAtMillis() > call.<Long>getArgument(1)
						&& seat.hold().expiresAtMillis() <= call.<Long>getArgument(2))
				.map((seat) -> seat.hold().holdId())
				.distinct());
		when(index.seatsDueBy(any(UUID.class), anyLong())).thenAnswer((call) -> seats(call.getArgument(0))
			.filter((seat) -> seat.hold().expiresAtMillis() <= call.<Long>getArgument(1))
			.map(Seat::id));
		when(index.forgetIfIdle(any(UUID.class))).thenAnswer((call) -> seats(call.getArgument(0)).hasElements()
			.filter((busy) -> !busy)
			.doOnNext((idle) -> this.events.remove(call.<UUID>getArgument(0)))
			.then());
		return index;
	}

	SeatScripts scripts() {
		SeatScripts scripts = mock(SeatScripts.class);
		when(scripts.warn(any(UUID.class), anyString())).thenAnswer((call) -> script(call.getArgument(0), () -> {
			this.warnCalls.incrementAndGet();
			if (this.failingWarnings.contains(call.<UUID>getArgument(0))) {
				throw new IllegalStateException("ERR warning failed");
			}
			return seatsOf(call.getArgument(0)).map(Seat::hold)
				.filter((hold) -> hold.holdId().equals(call.getArgument(1)) && !this.claimed.contains(hold.holdId())
						&& this.warned.add(hold.holdId()))
				.findFirst()
				.map((hold) -> List.of(hold.buyerId().toString(), Long.toString(hold.expiresAtMillis())))
				.orElse(null);
		}));
		when(scripts.expire(any(UUID.class), anyList())).thenAnswer((call) -> script(call.getArgument(0), () -> {
			long now = this.clock.millis();
			List<String> asked = call.getArgument(1);
			List<Seat> due = seatsOf(call.getArgument(0))
				.filter((seat) -> asked.contains(seat.id()) && seat.hold().expiresAtMillis() <= now)
				.toList();
			this.held.removeAll(due);
			if (!due.isEmpty()) {
				this.freed.add(new Freed(call.getArgument(0), due.stream().map(Seat::id).toList(), now));
			}
			return (long) due.size();
		}));
		return scripts;
	}

	/** No event here sells places: a sweep of them frees none. */
	Allotments allotments() {
		Allotments allotments = mock(Allotments.class);
		when(allotments.expire(any(UUID.class))).thenReturn(Mono.just(0L));
		return allotments;
	}

	private <T> Mono<T> script(UUID eventId, Supplier<T> run) {
		return Mono.defer(() -> {
			RuntimeException failure = this.failing.get(eventId);
			return (failure != null) ? Mono.error(failure) : Mono.justOrEmpty(run.get());
		});
	}

	private Flux<Seat> seats(UUID eventId) {
		return Flux.defer(() -> Flux.fromStream(seatsOf(eventId)));
	}

	private Stream<Seat> seatsOf(UUID eventId) {
		return this.held.stream().filter((seat) -> seat.hold().eventId().equals(eventId));
	}

}
