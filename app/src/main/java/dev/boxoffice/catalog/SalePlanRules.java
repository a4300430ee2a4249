package dev.boxoffice.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.boxoffice.catalog.SalePlan.Pool;
import dev.boxoffice.catalog.SalePlan.Tier;
import dev.boxoffice.catalog.SalePlan.TicketType;
import dev.boxoffice.platform.RandomUuids;
import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.error.RequestProblems.FieldProblem;

/**
 * Makes a new event's sale plan from its request, checking what bean validation cannot:
 * names unique, sections of the venue sold by at most one type, pools known and used,
 * tiers in date order. Every problem is reported at once, by field.
 */
final class SalePlanRules {

	private SalePlanRules() {
	}

	/** One seated type per section of the venue, at its price (or the event's). */
	static SalePlan everySection(UUID eventId, VenueView venue, Map<String, Integer> prices) {
		List<TicketType> types = venue.sections()
			.stream()
			.map((section) -> new TicketType(RandomUuids.next(), section.name(), TicketKind.SEATED,
					prices.getOrDefault(section.code(), section.priceCents()), null, null, List.of(section.code()),
					List.of(), List.of()))
			.toList();
		return new SalePlan(eventId, types, List.of());
	}

	static SalePlan of(UUID eventId, EventRequests.Create request, VenueView venue) {
		List<FieldProblem> problems = new ArrayList<>();
		if (request.prices() != null && !request.prices().isEmpty()) {
			problems.add(new FieldProblem("prices", "give prices on the ticket types instead"));
		}
		Map<String, Pool> pools = new LinkedHashMap<>();
		List<EventRequests.NewPool> newPools = (request.pools() != null) ? request.pools() : List.of();
		for (int i = 0; i < newPools.size(); i++) {
			EventRequests.NewPool pool = newPools.get(i);
			if (pools.putIfAbsent(pool.name().strip(),
					new Pool(RandomUuids.next(), pool.name().strip(), pool.capacity())) != null) {
				problems.add(new FieldProblem("pools[" + i + "].name", "another pool has this name"));
			}
		}
		Set<String> sections = new HashSet<>();
		venue.sections().forEach((section) -> sections.add(section.code()));
		Set<String> sold = new HashSet<>();
		Set<String> names = new HashSet<>();
		Set<String> poolsUsed = new HashSet<>();
		List<TicketType> types = new ArrayList<>();
		List<EventRequests.NewTicketType> newTypes = request.ticketTypes();
		for (int i = 0; i < newTypes.size(); i++) {
			EventRequests.NewTicketType type = newTypes.get(i);
			String at = "ticketTypes[" + i + "]";
			if (!names.add(type.name().strip())) {
				problems.add(new FieldProblem(at + ".name", "another ticket type has this name"));
			}
			if (type.minPerOrder() != null && type.maxPerOrder() != null && type.minPerOrder() > type.maxPerOrder()) {
				problems.add(new FieldProblem(at + ".minPerOrder", "must not be more than maxPerOrder"));
			}
			List<String> typeSections = (type.sections() != null) ? type.sections() : List.of();
			List<String> typePools = (type.pools() != null) ? type.pools() : List.of();
			if (type.kind() == TicketKind.SEATED) {
				if (typeSections.isEmpty()) {
					problems.add(new FieldProblem(at + ".sections", "a seated type needs the sections it sells"));
				}
				if (!typePools.isEmpty()) {
					problems.add(new FieldProblem(at + ".pools", "a seated type sells seats, not places of pools"));
				}
				for (String section : typeSections) {
					if (!sections.contains(section)) {
						problems.add(new FieldProblem(at + ".sections", "the venue has no section " + section));
					}
					else if (!sold.add(section)) {
						problems
							.add(new FieldProblem(at + ".sections", "section " + section + " is sold by two types"));
					}
				}
			}
			else {
				if (typePools.isEmpty()) {
					problems
						.add(new FieldProblem(at + ".pools", "a general-admission type needs the pools it draws on"));
				}
				if (!typeSections.isEmpty()) {
					problems.add(new FieldProblem(at + ".sections", "a general-admission type has no seats"));
				}
				for (String pool : typePools) {
					if (!pools.containsKey(pool.strip())) {
						problems.add(new FieldProblem(at + ".pools", "there is no pool " + pool));
					}
					poolsUsed.add(pool.strip());
				}
				if (new HashSet<>(typePools).size() != typePools.size()) {
					problems.add(new FieldProblem(at + ".pools", "names a pool twice"));
				}
			}
			List<Tier> tiers = tiers(type, at, request.startsAt(), problems);
			types.add(new TicketType(RandomUuids.next(), type.name().strip(), type.kind(), type.priceCents(),
					type.minPerOrder(), type.maxPerOrder(), typeSections.stream().distinct().toList(),
					typePools.stream()
						.map(String::strip)
						.distinct()
						.filter(pools::containsKey)
						.map((name) -> pools.get(name).id())
						.toList(),
					tiers));
		}
		pools.keySet()
			.stream()
			.filter((name) -> !poolsUsed.contains(name))
			.forEach((name) -> problems.add(new FieldProblem("pools", "no ticket type draws on pool " + name)));
		if (!problems.isEmpty()) {
			throw RequestProblems.invalid(problems);
		}
		return new SalePlan(eventId, types, List.copyOf(pools.values()));
	}

	private static List<Tier> tiers(EventRequests.NewTicketType type, String at, Instant startsAt,
			List<FieldProblem> problems) {
		List<EventRequests.NewTier> newTiers = (type.tiers() != null) ? type.tiers() : List.of();
		List<Tier> tiers = new ArrayList<>();
		Instant previous = null;
		for (int j = 0; j < newTiers.size(); j++) {
			EventRequests.NewTier tier = newTiers.get(j);
			String field = at + ".tiers[" + j + "]";
			if (tier.quantity() == null && tier.until() == null && j < newTiers.size() - 1) {
				problems.add(new FieldProblem(field,
						"a tier with neither quantity nor until never ends: only the last may"));
			}
			if (tier.until() != null) {
				if (previous != null && !tier.until().isAfter(previous)) {
					problems.add(new FieldProblem(field + ".until", "must be after the tier before's"));
				}
				if (tier.until().isAfter(startsAt)) {
					problems.add(new FieldProblem(field + ".until", "must not be after the event starts"));
				}
				previous = tier.until();
			}
			tiers.add(new Tier(RandomUuids.next(), tier.name().strip(), tier.priceCents(), tier.quantity(),
					tier.until()));
		}
		return tiers;
	}

}
