package dev.boxoffice.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.boxoffice.catalog.SalePlan.Tier;
import dev.boxoffice.catalog.SalePlan.TicketType;
import dev.boxoffice.catalog.TicketTypeView.PoolView;
import dev.boxoffice.catalog.TicketTypeView.TierView;
import dev.boxoffice.inventory.Allotments;
import dev.boxoffice.inventory.Allotments.Count;
import dev.boxoffice.inventory.SeatCounts;
import dev.boxoffice.inventory.SeatInventory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The sale plans of events (ticket types, pools, tiers), which do not change once the
 * event exists, kept in memory once read; and their live counts: seats from the
 * inventory, places from the allotments Redis counts (counted there from PostgreSQL when
 * Redis has not, or no longer has, them).
 */
@Service
public class SalePlans {

	/** How long after an event its counts are kept in Redis (as its sold seats). */
	private static final Duration RETAINED_AFTER_EVENT = Duration.ofDays(7);

	private final SalePlanRepository repository;

	private final Allotments allotments;

	private final SeatInventory inventory;

	private final EventRepository events;

	private final Clock clock;

	private final Cache<UUID, SalePlan> plans = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(30))
		.maximumSize(10_000)
		.build();

	SalePlans(SalePlanRepository repository, Allotments allotments, SeatInventory inventory, EventRepository events,
			Clock clock) {
		this.repository = repository;
		this.allotments = allotments;
		this.inventory = inventory;
		this.events = events;
		this.clock = clock;
	}

	/** The event's plan (the caller has checked it may see the event). */
	public Mono<SalePlan> of(UUID eventId) {
		SalePlan kept = this.plans.getIfPresent(eventId);
		if (kept != null) {
			return Mono.just(kept);
		}
		return this.repository.find(eventId).doOnNext((plan) -> this.plans.put(eventId, plan));
	}

	Mono<Void> insert(SalePlan plan) {
		return this.repository.insert(plan);
	}

	/**
	 * The live counts of the plan's allotments in Redis, counted there first if they are
	 * not (yet, or any more).
	 */
	public Mono<Map<UUID, Count>> counts(SalePlan plan) {
		Map<UUID, Integer> counted = plan.counted();
		if (counted.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.allotments.counts(plan.eventId())
			.flatMap((counts) -> counts.keySet().containsAll(counted.keySet()) ? Mono.just(counts)
					: load(plan).then(this.allotments.counts(plan.eventId())));
	}

	/** Counts the plan's allotments in Redis from PostgreSQL. */
	public Mono<Void> load(SalePlan plan) {
		if (plan.counted().isEmpty()) {
			return Mono.empty();
		}
		return this.events.find(plan.eventId())
			.flatMap((event) -> this.allotments.load(plan.eventId(), plan.counted(),
					new HashSet<>(plan.arbitrated().keySet()), event.endsAt().plus(RETAINED_AFTER_EVENT)))
			.then();
	}

	/**
	 * The event with its types and pools and their live counts, for the single-event
	 * view; the event's own counts add its seats and its pools' places.
	 */
	Mono<EventView> withTypes(EventView event) {
		if (event.status() == EventStatus.DRAFT) {
			return of(event.id()).map((plan) -> event.withCounts(SeatCounts.of(0, 0, 0))
				.withPlan(types(plan, Map.of(), Map.of(), false), pools(plan, Map.of())));
		}
		return of(event.id())
			.flatMap((plan) -> Mono.zip(this.inventory.countsBySection(event.id()), counts(plan)).map((live) -> {
				List<PoolView> pools = pools(plan, live.getT2());
				SeatCounts total = live.getT1().values().stream().reduce(SeatCounts.of(0, 0, 0), SeatCounts::plus);
				for (PoolView pool : pools) {
					total = total.plus(pool.counts());
				}
				return event.withCounts(total).withPlan(types(plan, live.getT1(), live.getT2(), true), pools);
			}));
	}

	private List<TicketTypeView> types(SalePlan plan, Map<String, SeatCounts> sections, Map<UUID, Count> counts,
			boolean live) {
		Instant now = this.clock.instant();
		return plan.types().stream().map((type) -> {
			Optional<SalePlan.Pricing> pricing = SalePlan.price(type, 1, now, (id) -> available(counts, id));
			TierView current = pricing.map((found) -> found.items().get(0).tierId())
				.flatMap((tierId) -> type.tiers().stream().filter((tier) -> tier.id().equals(tierId)).findFirst())
				.map((tier) -> tier(tier, counts))
				.orElse(null);
			int price = (current != null) ? current.priceCents() : type.priceCents();
			List<TierView> tiers = type.tiers().stream().map((tier) -> tier(tier, counts)).toList();
			return new TicketTypeView(type.id(), type.name(), type.kind(), price, type.priceCents(), type.minPerOrder(),
					type.maxPerOrder(), type.seated() ? type.sections() : null, type.seated() ? null : type.poolIds(),
					tiers, current, live ? typeCounts(plan, type, sections, counts) : null);
		}).toList();
	}

	private static @Nullable SeatCounts typeCounts(SalePlan plan, TicketType type, Map<String, SeatCounts> sections,
			Map<UUID, Count> counts) {
		if (type.seated()) {
			return type.sections()
				.stream()
				.map((section) -> sections.getOrDefault(section, new SeatCounts(0, 0, 0, 0)))
				.reduce(new SeatCounts(0, 0, 0, 0), SeatCounts::plus);
		}
		Count own = counts.get(type.id());
		if (own == null) {
			return null;
		}
		long smallestPool = type.poolIds()
			.stream()
			.map(counts::get)
			.mapToLong((count) -> (count != null) ? count.available() : 0)
			.min()
			.orElse(0);
		return SeatCounts.of(own.capacity(), own.held(), own.sold()).availableAtMost(smallestPool);
	}

	private static TierView tier(Tier tier, Map<UUID, Count> counts) {
		Count count = counts.get(tier.id());
		return new TierView(tier.id(), tier.name(), tier.priceCents(), tier.quantity(), tier.until(),
				(count != null) ? SeatCounts.of(count.capacity(), count.held(), count.sold()) : null);
	}

	private static List<PoolView> pools(SalePlan plan, Map<UUID, Count> counts) {
		return plan.pools().stream().map((pool) -> {
			Count count = counts.get(pool.id());
			SeatCounts live = (count != null) ? SeatCounts.of(count.capacity(), count.held(), count.sold())
					: SeatCounts.of(pool.capacity(), 0, 0);
			return new PoolView(pool.id(), pool.name(), live);
		}).toList();
	}

	private static @Nullable Long available(Map<UUID, Count> counts, UUID id) {
		Count count = counts.get(id);
		return (count != null) ? count.available() : null;
	}

}
