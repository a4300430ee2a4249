package dev.boxoffice.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.boxoffice.inventory.Allotments;
import dev.boxoffice.inventory.SeatInventory;
import dev.boxoffice.inventory.SeatView;
import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.error.RequestProblems.FieldProblem;
import dev.boxoffice.platform.security.AccessRules;
import dev.boxoffice.platform.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Events: organizers create, change, publish and cancel their own (admins any); everyone
 * finds events on sale. A draft is visible to its organizer and admins only; to anyone
 * else it does not exist (404). Changing someone else's published event is a 403.
 */
@Service
public class EventCatalog {

	private static final Logger log = LoggerFactory.getLogger(EventCatalog.class);

	private final EventRepository events;

	private final VenueService venues;

	private final SeatInventory inventory;

	private final EventHistoryRepository history;

	private final ObjectProvider<EventChangeListener> listeners;

	private final TransactionalOperator transactional;

	private final Clock clock;

	private final SalePlans plans;

	private final Allotments allotments;

	/**
	 * Events on sale as last read for a hold or a purchase, kept for
	 * {@code onSaleFreshness}: a sale's holds and purchases all ask for the same event.
	 * Only ON_SALE events are kept (they are public, so the entry does not depend on the
	 * caller), and a change here removes the entry.
	 */
	private final Cache<UUID, EventView> onSale;

	EventCatalog(EventRepository events, VenueService venues, SeatInventory inventory, EventHistoryRepository history,
			ObjectProvider<EventChangeListener> listeners, TransactionalOperator transactional, Clock clock,
			CatalogProperties properties, SalePlans plans, Allotments allotments) {
		this.plans = plans;
		this.allotments = allotments;
		this.events = events;
		this.venues = venues;
		this.inventory = inventory;
		this.history = history;
		this.listeners = listeners;
		this.transactional = transactional;
		this.clock = clock;
		this.onSale = Caffeine.newBuilder()
			.expireAfterWrite(properties.onSaleFreshness())
			.maximumSize(properties.onSaleEvents())
			.build();
	}

	Mono<EventView> create(CurrentUser organizer, EventRequests.Create request) {
		return this.venues.find(request.venueId())
			.filter((venue) -> venue.organizerId().equals(organizer.id()) || organizer.isAdmin())
			.switchIfEmpty(Mono.error(CatalogExceptions::venueNotFound))
			.flatMap((venue) -> {
				checkTimes(request.startsAt(), request.endsAt(), true);
				Map<String, Integer> prices = (request.prices() != null) ? request.prices() : Map.of();
				checkSections(prices, venue);
				if (request.ticketTypes() == null && request.pools() != null && !request.pools().isEmpty()) {
					throw RequestProblems.invalid("pools", "pools are drawn on by ticketTypes: give those too");
				}
				return this.events.insert(organizer.id(), request, venue.city()).flatMap((id) -> {
					SalePlan plan = (request.ticketTypes() != null) ? SalePlanRules.of(id, request, venue)
							: SalePlanRules.everySection(id, venue, prices);
					return this.events.insertPrices(id, seatPrices(plan, prices))
						.then(this.plans.insert(plan))
						.then(this.events.find(id));
				})
					.flatMap((event) -> this.history.record(EventChanges.created(event, prices), 0, organizer.id())
						.thenReturn(event.id()))
					.as(this.transactional::transactional);
			})
			.flatMap(this.events::find);
	}

	/**
	 * The event with live counts, its ticket types and pools, if the caller may see it.
	 * The event's counts add its seats and the places of its pools.
	 */
	public Mono<EventView> find(UUID id) {
		return visible(id).flatMap((event) -> this.plans.withTypes(event));
	}

	/**
	 * What each seated section's seats cost: its type's price (the event's own prices, or
	 * the venue's, for an event without ticket types).
	 */
	private static Map<String, Integer> seatPrices(SalePlan plan, Map<String, Integer> prices) {
		Map<String, Integer> seatPrices = new java.util.LinkedHashMap<>(prices);
		plan.types()
			.stream()
			.filter(SalePlan.TicketType::seated)
			.forEach((type) -> type.sections().forEach((section) -> seatPrices.put(section, type.priceCents())));
		return seatPrices;
	}

	/** The event (without counts), if the caller may see it; 404 otherwise. */
	public Mono<EventView> event(UUID id) {
		return visible(id);
	}

	/**
	 * The event, if it exists for the caller and is on sale; 404 or 409 otherwise. It may
	 * be up to {@code boxoffice.events.on-sale-freshness} old if another instance changed
	 * it.
	 */
	public Mono<EventView> onSale(UUID id) {
		EventView kept = this.onSale.getIfPresent(id);
		if (kept != null) {
			return Mono.just(kept);
		}
		return visible(id).flatMap((event) -> {
			if (event.status() != EventStatus.ON_SALE) {
				return Mono.error(CatalogExceptions.wrongStatus(event.status(), "booked"));
			}
			this.onSale.put(id, event);
			return Mono.just(event);
		});
	}

	/**
	 * The ids of events cancelled at or after {@code since}, for work a cancellation
	 * leaves to other features (refunds). Not limited to what the caller may see.
	 */
	public Flux<UUID> cancelledSince(Instant since) {
		return this.events.cancelledSince(since);
	}

	/** Every seat of a visible event with its current status, streamed. */
	public Flux<SeatView> seats(UUID id) {
		return visible(id).flatMapMany((event) -> this.inventory.seats(id));
	}

	/**
	 * Changes the event, with its history entry in the same transaction. With
	 * {@code expected} (If-Match), only if it is still at that version: the check is the
	 * UPDATE's own {@code WHERE version = …}, so of racing changes from one version one
	 * wins and the others are 412s. Without, on the event as it is, locked for the
	 * change.
	 */
	Mono<EventView> update(UUID id, EventRequests.Patch patch, @Nullable Long expected) {
		return manageable(id)
			.flatMap((event) -> CurrentUser.get()
				.flatMap((actor) -> (expected != null) ? changeFrom(event, expected, patch, actor)
						: this.events.findForUpdate(id)
							.flatMap((current) -> change(current, patch, actor))
							.as(this.transactional::transactional)))
			.flatMap((change) -> afterCommit(change).thenReturn(id))
			.then(Mono.defer(() -> find(id)));
	}

	private Mono<EventChange> changeFrom(EventView event, long expected, EventRequests.Patch patch, CurrentUser actor) {
		if (expected != event.version()) {
			return Mono.error(CatalogExceptions.versionMismatch(event.version()));
		}
		return change(event, patch, actor).as(this.transactional::transactional)
			// Nothing changed: the patch changes nothing (the event is still at the
			// version), or another change came first (at another version now, or
			// cancelled).
			.switchIfEmpty(
					Mono.defer(() -> this.events.find(event.id())
						.filter((now) -> now.version() != expected)
						.flatMap((now) -> Mono.error((now.status() == EventStatus.CANCELLED)
								? CatalogExceptions.wrongStatus(now.status(), "changed")
								: CatalogExceptions.versionMismatch(now.version())))));
	}

	/**
	 * Makes the patch on the event as read, if it is still at the version read; empty
	 * when it is not, or when the patch changes nothing.
	 */
	private Mono<EventChange> change(EventView event, EventRequests.Patch patch, CurrentUser actor) {
		if (event.status() == EventStatus.CANCELLED) {
			return Mono.error(CatalogExceptions.wrongStatus(event.status(), "changed"));
		}
		EventView to = patched(event, patch);
		EventChange change = EventChanges.updated(event, to);
		if (change.fields().isEmpty()) {
			return Mono.empty();
		}
		return this.events
			.update(event.id(), event.version(), to.title(), to.description(), to.category(), to.startsAt(),
					to.endsAt())
			.flatMap((version) -> this.history.record(change, version, actor.id()).thenReturn(change));
	}

	private EventView patched(EventView event, EventRequests.Patch patch) {
		Instant startsAt = (patch.startsAt() != null) ? patch.startsAt() : event.startsAt();
		Instant endsAt = (patch.endsAt() != null) ? patch.endsAt() : event.endsAt();
		checkTimes(startsAt, endsAt, patch.startsAt() != null);
		return new EventView(event.id(), event.organizerId(), event.venue(),
				(patch.title() != null) ? patch.title().strip() : event.title(),
				(patch.description() != null) ? patch.description().strip() : event.description(),
				(patch.category() != null) ? patch.category() : event.category(), startsAt, endsAt, event.currency(),
				event.status(), event.version(), null, null, null);
	}

	/**
	 * What follows a committed change: the cached event forgotten, the listeners told. A
	 * listener's failure is logged; the change stands.
	 */
	private Mono<Void> afterCommit(EventChange change) {
		return Mono.fromRunnable(() -> this.onSale.invalidate(change.eventId()))
			.thenMany(Flux.fromStream(this.listeners::orderedStream))
			.concatMap((listener) -> listener.changed(change).onErrorResume((ex) -> {
				log.warn("A listener could not act on a change to event {}", change.eventId(), ex);
				return Mono.empty();
			}))
			.then();
	}

	/**
	 * Puts a draft on sale: one AVAILABLE seat per seat of the venue, in the same
	 * transaction as the status change; then the seats table's planner statistics are
	 * brought up to date, so that the sale's lookups of single seats use the primary key.
	 */
	Mono<EventView> publish(UUID id) {
		return manageable(id).flatMap((event) -> {
			if (event.status() != EventStatus.DRAFT) {
				return Mono.error(CatalogExceptions.wrongStatus(event.status(), "published"));
			}
			if (!event.startsAt().isAfter(this.clock.instant())) {
				return Mono.error(RequestProblems.invalid("startsAt", "has passed; move the event before publishing"));
			}
			// The status changes first: its row lock makes a concurrent publish wait,
			// then find
			// the event no longer a draft (409) instead of colliding on the seats.
			return CurrentUser.get()
				.flatMap((actor) -> this.events.changeStatus(id, EventStatus.DRAFT, EventStatus.ON_SALE)
					.switchIfEmpty(Mono.error(() -> CatalogExceptions.wrongStatus(EventStatus.ON_SALE, "published")))
					.<EventChange>flatMap((version) -> this.plans.of(id)
						.flatMap((plan) -> this.venues.layoutForEvent(event.venue().id(), id, plan.seatedSections())
							.flatMap((layout) -> this.inventory.materialize(id, layout))
							.flatMap((seats) -> this.allotments.materialize(plan.arbitrated())
								.thenReturn(seats + plan.pools().stream().mapToLong(SalePlan.Pool::capacity).sum())))
						.flatMap((capacity) -> {
							EventChange change = published(event, capacity);
							return this.events.setCapacity(id, capacity)
								.then(this.history.record(change, version, actor.id()))
								.thenReturn(change);
						}))
					.as(this.transactional::transactional))
				.flatMap(this::afterCommit)
				// Its places counted in Redis before anyone can hold them (a hold that
				// finds them not counted would count them itself).
				.then(this.plans.of(id).flatMap(this.plans::load))
				// After the commit: the sale about to start plans its seat lookups on
				// these figures.
				.then(this.inventory.refreshStatistics());
		}).then(Mono.defer(() -> find(id)));
	}

	private static EventChange published(EventView event, long seats) {
		return EventChanges.status(event, EventStatus.ON_SALE, EventChange.Kind.PUBLISHED, Map.of("capacity", 0L),
				Map.of("capacity", seats));
	}

	/**
	 * Stops the sale of an event. (Refunding its orders is the booking feature's part.)
	 */
	Mono<EventView> cancel(UUID id) {
		// Only a published event is cancelled; a draft never became public and stays
		// private.
		return manageable(id).flatMap((event) -> {
			if (event.status() != EventStatus.ON_SALE) {
				return Mono.error(CatalogExceptions.wrongStatus(event.status(), "cancelled"));
			}
			EventChange change = EventChanges.status(event, EventStatus.CANCELLED, EventChange.Kind.CANCELLED, Map.of(),
					Map.of());
			return CurrentUser.get()
				.flatMap((actor) -> this.events.changeStatus(id, event.status(), EventStatus.CANCELLED)
					.switchIfEmpty(Mono.error(() -> CatalogExceptions.wrongStatus(event.status(), "cancelled")))
					.flatMap((version) -> this.history.record(change, version, actor.id()))
					.as(this.transactional::transactional))
				.then(afterCommit(change));
		}).then(Mono.defer(() -> find(id)));
	}

	/**
	 * A page of the event's history, newest first, for its organizer or an admin; to
	 * anyone else the event does not exist (404), whatever its status.
	 */
	Mono<EventHistoryPage> history(UUID id, @Nullable EventHistoryCursor after, int limit) {
		return managed(id)
			.flatMap((event) -> this.history.page(id, (after != null) ? after.version() : null, limit).collectList())
			.map((found) -> {
				if (found.size() <= limit) {
					return new EventHistoryPage(found, null);
				}
				List<EventHistoryEntry> page = found.subList(0, limit);
				return new EventHistoryPage(page, new EventHistoryCursor(page.get(limit - 1).version()).encode());
			});
	}

	/**
	 * The event, for its organizer or an admin; to anyone else it does not exist (404
	 * {@code event-not-found}), whatever its status: for what only they may see of it.
	 */
	public Mono<EventView> managed(UUID id) {
		return this.events.find(id)
			.filterWhen((event) -> CurrentUser.get()
				.map((user) -> user.id().equals(event.organizerId()) || user.isAdmin())
				.defaultIfEmpty(false))
			.switchIfEmpty(Mono.error(CatalogExceptions::notFound));
	}

	Mono<EventPage> search(EventQuery query) {
		return this.events.search(query).collectList().map((found) -> {
			if (found.size() <= query.limit()) {
				return new EventPage(found, null);
			}
			List<EventView> page = found.subList(0, query.limit());
			EventView last = page.get(page.size() - 1);
			return new EventPage(page, new EventCursor(last.startsAt(), last.id()).encode());
		});
	}

	/**
	 * The event, if the caller may see it: anyone for published ones, owner or admin for
	 * drafts.
	 */
	private Mono<EventView> visible(UUID id) {
		return this.events.find(id)
			.switchIfEmpty(Mono.error(CatalogExceptions::notFound))
			.flatMap((event) -> (event.status() != EventStatus.DRAFT) ? Mono.just(event)
					: CurrentUser.get()
						.filter((user) -> user.id().equals(event.organizerId()) || user.isAdmin())
						.map((user) -> event)
						.switchIfEmpty(Mono.error(CatalogExceptions::notFound)));
	}

	/**
	 * The event, if the caller may change it (owner or admin); 404 for hidden drafts, 403
	 * otherwise.
	 */
	private Mono<EventView> manageable(UUID id) {
		return visible(id).flatMap((event) -> AccessRules.ownerOrAdmin(event.organizerId()).thenReturn(event));
	}

	private void checkTimes(Instant startsAt, Instant endsAt, boolean newStart) {
		List<FieldProblem> problems = new ArrayList<>();
		if (newStart && !startsAt.isAfter(this.clock.instant())) {
			problems.add(new FieldProblem("startsAt", "must be in the future"));
		}
		if (startsAt.isAfter(EventQuery.LATEST) || endsAt.isAfter(EventQuery.LATEST)) {
			problems.add(new FieldProblem(startsAt.isAfter(EventQuery.LATEST) ? "startsAt" : "endsAt",
					"must be before " + EventQuery.LATEST));
		}
		if (!endsAt.isAfter(startsAt)) {
			problems.add(new FieldProblem("endsAt", "must be after startsAt"));
		}
		if (!problems.isEmpty()) {
			throw RequestProblems.invalid(problems);
		}
	}

	private static void checkSections(Map<String, Integer> prices, VenueView venue) {
		List<String> known = venue.sections().stream().map(VenueView.SectionView::code).toList();
		List<FieldProblem> problems = prices.keySet()
			.stream()
			.filter((code) -> !known.contains(code))
			.map((code) -> new FieldProblem("prices." + code, "the venue has no section " + code))
			.toList();
		if (!problems.isEmpty()) {
			throw RequestProblems.invalid(problems);
		}
	}

	/**
	 * Whose events a search may show: anyone's on sale, unless the caller asks for only
	 * its own ({@code mine}); otherwise only the caller's own (all for an admin). An
	 * anonymous caller asking for drafts, or for its own, gets the nil id, which owns
	 * nothing.
	 */
	static @Nullable UUID onlyOwn(@Nullable CurrentUser user, EventStatus status, boolean mine) {
		if (!mine && (status == EventStatus.ON_SALE || (user != null && user.isAdmin()))) {
			return null;
		}
		return (user != null) ? user.id() : new UUID(0, 0);
	}

}
