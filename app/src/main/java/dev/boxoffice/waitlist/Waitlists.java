package dev.boxoffice.waitlist;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.booking.BookingProperties;
import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.catalog.EventView;
import dev.boxoffice.inventory.SeatInventory;
import dev.boxoffice.inventory.SeatScripts;
import dev.boxoffice.platform.RandomUuids;
import dev.boxoffice.platform.Sha256;
import dev.boxoffice.platform.error.ApiException;
import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The line of an event: buyers join it (once per Idempotency-Key, one live entry each),
 * see their place and their offer, leave it; the organizer lists it and moves entries to
 * the priority tier. Offers are {@link Offers}'.
 */
@Service
class Waitlists {

	private static final Logger log = LoggerFactory.getLogger(Waitlists.class);

	private final WaitlistRepository entries;

	private final EventCatalog catalog;

	private final SeatInventory inventory;

	private final BookingProperties booking;

	private final TransactionalOperator transactional;

	private final JsonMapper json;

	private final SeatScripts scripts;

	private final OfferDispatcher dispatcher;

	private final Offers offers;

	Waitlists(WaitlistRepository entries, EventCatalog catalog, SeatInventory inventory, BookingProperties booking,
			TransactionalOperator transactional, JsonMapper json, SeatScripts scripts, OfferDispatcher dispatcher,
			Offers offers) {
		this.scripts = scripts;
		this.dispatcher = dispatcher;
		this.offers = offers;
		this.entries = entries;
		this.catalog = catalog;
		this.inventory = inventory;
		this.booking = booking;
		this.transactional = transactional;
		this.json = json;
	}

	/** The answer to a join: a new entry, or the first answer to its key again. */
	record Joined(String json) {
	}

	/**
	 * Joins the line. A key already used replays its first answer (same request) or is
	 * refused (another one); a refused join keeps nothing, so sending it again decides it
	 * again.
	 */
	Mono<Joined> join(CurrentUser buyer, UUID eventId, WaitlistRequests.Join request, @Nullable String key) {
		if (key == null || key.isBlank() || key.length() > 255) {
			return Mono
				.error(RequestProblems.invalid("Idempotency-Key", "the header is required (1 to 255 characters)"));
		}
		// Prefixed, no section code (even "any") reads as a join for any seats.
		String where = (request.section() != null) ? "section " + request.section() : "any";
		byte[] hash = Sha256.of("waitlist|" + eventId + "|" + request.quantity() + "|" + where);
		return kept(buyer, key, hash).switchIfEmpty(Mono.defer(() -> alreadyInLine(buyer, eventId, key, hash)))
			.switchIfEmpty(Mono.defer(() -> admissible(eventId, request).then(openLine(eventId))
				.then(enter(buyer, eventId, request, key, hash))
				.doOnNext((joined) -> this.dispatcher.joined(eventId))));
	}

	/**
	 * Before the entry is written: from now on seats freed in the event are kept for its
	 * line, so none goes to sale between the join's commit and the next pass (which then
	 * keeps the line open). Best effort: if Redis is away, that pass opens it.
	 */
	private Mono<Void> openLine(UUID eventId) {
		return this.scripts.keepLineOpen(eventId, OfferDispatcher.LINE_LIFE, List.of()).then().onErrorResume((ex) -> {
			log.warn("Could not open the line of event {} in Redis ({}); its next pass will", eventId, ex.toString());
			return Mono.empty();
		});
	}

	/**
	 * Already in line is said first, whatever else the join would meet (the insert is
	 * what makes sure of it) — unless the entry is this key's, made meanwhile by a
	 * request racing this one: then its answer.
	 */
	private Mono<Joined> alreadyInLine(CurrentUser buyer, UUID eventId, String key, byte[] hash) {
		return this.entries.live(eventId, buyer.id())
			.flatMap((first) -> kept(buyer, key, hash)
				.switchIfEmpty(Mono.error(() -> WaitlistExceptions.entryExists(first.id()))));
	}

	/** The first answer to the key, if it was used: the same request only. */
	private Mono<Joined> kept(CurrentUser buyer, String key, byte[] hash) {
		return this.entries.joinByKey(buyer.id(), key).flatMap((kept) -> {
			if (!Arrays.equals(kept.hash(), hash)) {
				return Mono.error(WaitlistExceptions::keyReused);
			}
			// Written in the transaction that made the entry: never missing once it is
			// seen.
			return Mono.justOrEmpty(kept.response()).map(Joined::new);
		});
	}

	/**
	 * On sale, a quantity the buyer may buy, a section the event has, and not that many
	 * seats free right now.
	 */
	private Mono<Void> admissible(UUID eventId, WaitlistRequests.Join request) {
		int limit = this.booking.maxTicketsPerBuyer();
		if (request.quantity() > limit) {
			return Mono.error(
					RequestProblems.invalid("quantity", "a buyer may buy at most " + limit + " tickets for an event"));
		}
		String section = request.section();
		return this.catalog.onSale(eventId).map(EventView::id).flatMap((event) -> {
			if (section == null) {
				return this.inventory.counts(event).flatMap((counts) -> {
					if (counts.capacity() == 0) {
						return Mono.error(WaitlistExceptions.placesOnly());
					}
					return (counts.available() >= request.quantity())
							? Mono.error(WaitlistExceptions.seatsAvailable(request.quantity(), null)) : Mono.empty();
				});
			}
			return this.inventory.hasSection(event, section)
				.flatMap((known) -> known ? this.inventory.freeInSection(event, section, request.quantity())
						: Mono.error(RequestProblems.invalid("section", "the event has no section " + section)))
				.flatMap((free) -> (free.size() >= request.quantity())
						? Mono.error(WaitlistExceptions.seatsAvailable(request.quantity(), section)) : Mono.empty());
		}).then();
	}

	/**
	 * The entry and its answer, kept for the key, in one transaction: a request with the
	 * same key waits on it at the insert and then replays the answer.
	 */
	private Mono<Joined> enter(CurrentUser buyer, UUID eventId, WaitlistRequests.Join request, String key,
			byte[] hash) {
		return this.entries
			.insert(RandomUuids.next(), eventId, buyer.id(), request.quantity(), request.section(), key, hash)
			.flatMap((entry) -> place(entry).flatMap((place) -> {
				String answer = this.json.writeValueAsString(place);
				return this.entries.keepResponse(entry.id(), answer).thenReturn(new Joined(answer));
			}))
			.switchIfEmpty(Mono.defer(() -> refused(buyer, eventId, key, hash)))
			.as(this.transactional::transactional);
	}

	/**
	 * Why the insert made nothing: the key was taken meanwhile, or the buyer is in line.
	 */
	private Mono<Joined> refused(CurrentUser buyer, UUID eventId, String key, byte[] hash) {
		return kept(buyer, key, hash).switchIfEmpty(Mono.defer(() -> this.entries.live(eventId, buyer.id())
			.flatMap((first) -> Mono.<Joined>error(WaitlistExceptions.entryExists(first.id())))
			// The other entry left the line between the insert and this look: try again.
			.switchIfEmpty(Mono.error(() -> RequestProblems.busy("The line changed meanwhile; try again.")))));
	}

	/** The buyer's live entry with its place in the line. */
	Mono<WaitlistPlace> mine(CurrentUser buyer, UUID eventId) {
		return this.catalog.event(eventId)
			.then(this.entries.live(eventId, buyer.id()))
			.switchIfEmpty(Mono.error(WaitlistExceptions::notInLine))
			.flatMap(this::place);
	}

	/** Leaves the line; done as well when the buyer was not (or no longer) in it. */
	Mono<Void> leave(CurrentUser buyer, UUID eventId) {
		return this.catalog.event(eventId).then(this.entries.leave(eventId, buyer.id())).then();
	}

	Mono<WaitlistEntryView> changeTier(UUID eventId, UUID entryId, WaitlistRequests.TierChange change) {
		if (change.tier() == WaitlistTier.PRIORITY && change.reason() == null) {
			return Mono.error(RequestProblems.invalid("reason", "is required to move an entry to PRIORITY"));
		}
		String reason = (change.reason() != null) ? change.reason().strip() : null;
		return managed(eventId).then(this.entries.changeTier(eventId, entryId, change.tier(), reason))
			.switchIfEmpty(Mono.defer(() -> this.entries.find(eventId, entryId)
				.switchIfEmpty(Mono.error(WaitlistExceptions::entryNotFound))
				.flatMap((entry) -> Mono.error(WaitlistExceptions.entryNotLive(entry.state())))))
			.map(WaitlistEntryView::of);
	}

	/** A page of the line in order, with the counts of the whole list. */
	Mono<WaitlistPage> list(UUID eventId, @Nullable String cursor, int limit) {
		@Nullable WaitlistCursor after;
		try {
			after = (cursor != null && !cursor.isBlank()) ? WaitlistCursor.decode(cursor) : null;
		}
		catch (ApiException ex) {
			return Mono.error(ex);
		}
		return managed(eventId)
			.then(Mono.zip(this.entries.page(eventId, after, limit + 1).collectList(), counts(eventId)))
			.map((found) -> {
				List<WaitlistEntry> rows = found.getT1();
				List<WaitlistEntry> page = (rows.size() <= limit) ? rows : rows.subList(0, limit);
				String next = (rows.size() <= limit) ? null : WaitlistCursor.after(page.get(page.size() - 1)).encode();
				return new WaitlistPage(page.stream().map(WaitlistEntryView::of).toList(), found.getT2(), next);
			});
	}

	private Mono<WaitlistPage.Counts> counts(UUID eventId) {
		return this.entries.counts(eventId).collectList().map((counts) -> {
			Map<WaitlistState, Long> byState = new EnumMap<>(WaitlistState.class);
			Arrays.stream(WaitlistState.values()).forEach((state) -> byState.put(state, 0L));
			Map<WaitlistTier, Long> byTier = new EnumMap<>(WaitlistTier.class);
			Arrays.stream(WaitlistTier.values()).forEach((tier) -> byTier.put(tier, 0L));
			for (WaitlistRepository.Count count : counts) {
				if ("state".equals(count.group())) {
					byState.put(WaitlistState.valueOf(count.value()), count.entries());
				}
				else {
					byTier.put(WaitlistTier.valueOf(count.value()), count.entries());
				}
			}
			return new WaitlistPage.Counts(byState, byTier);
		});
	}

	/**
	 * The event, if the caller is its organizer or an admin; 404 for anyone else, as if
	 * the event's waitlist did not exist.
	 */
	private Mono<EventView> managed(UUID eventId) {
		return this.catalog.managed(eventId);
	}

	private Mono<WaitlistPlace> place(WaitlistEntry entry) {
		if (entry.state() == WaitlistState.OFFERED) {
			return this.offers.liveOf(entry.id())
				.map((offer) -> WaitlistPlace.of(entry, null, offer))
				.defaultIfEmpty(WaitlistPlace.of(entry, null, null));
		}
		return this.entries.position(entry.id())
			.map((position) -> WaitlistPlace.of(entry, position, null))
			.defaultIfEmpty(WaitlistPlace.of(entry, null, null));
	}

}
