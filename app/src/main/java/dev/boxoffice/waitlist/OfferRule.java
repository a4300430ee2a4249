package dev.boxoffice.waitlist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.boxoffice.inventory.SeatRecord;
import org.jspecify.annotations.Nullable;

/**
 * Which seats kept for a line go to which entry, in one pass (docs/architecture.md, "The
 * waitlist"):
 * <ol>
 * <li>The line is served in order (priority first, then by time of joining). An entry is
 * offered only its full quantity, of the kept seats it can use (its section, or any),
 * adjacent in one row where possible.</li>
 * <li>Kept seats an entry could use but that are too few for it are held back for it, so
 * that frees accumulate until it can be served, for up to {@code holdBack} after each was
 * freed. After that a later entry that they can serve in full may have them (the entry
 * keeps its place for the next frees): a large entry at the front delays the entries
 * behind it by at most that long.</li>
 * <li>Kept seats that no waiting entry can use (another section) go back to sale.</li>
 * </ol>
 * A pure function of what it is given, so that it can be tested on its own.
 */
final class OfferRule {

	private OfferRule() {
	}

	/** A seat kept for the line, and the epoch millisecond it was freed. */
	record KeptSeat(SeatRecord seat, long freedAt) {
	}

	/** An offer to make: the entry, its seats, when the last of them was freed. */
	record Match(WaitlistEntry entry, List<SeatRecord> seats, long freedAt) {
	}

	/** The offers to make, and the seats to give back to sale. */
	record Plan(List<Match> offers, List<String> giveBack) {
	}

	/**
	 * @param kept the seats kept for the line
	 * @param line the first waiting entries, in line order
	 * @param sectionsWaited the sections every waiting entry asks for (null: any section)
	 */
	static Plan plan(List<KeptSeat> kept, List<WaitlistEntry> line, Set<@Nullable String> sectionsWaited, long now,
			long holdBackMillis) {
		List<KeptSeat> pool = new ArrayList<>(kept);
		pool.sort(Comparator.comparing((KeptSeat k) -> k.seat().section())
			.thenComparing((k) -> k.seat().row().length())
			.thenComparing((k) -> k.seat().row())
			.thenComparingInt((k) -> k.seat().number()));
		List<Match> offers = new ArrayList<>();
		for (WaitlistEntry entry : line) {
			List<KeptSeat> usable = pool.stream().filter((k) -> serves(k, entry.section())).toList();
			if (usable.size() >= entry.quantity()) {
				List<KeptSeat> picked = pick(usable, entry.quantity());
				pool.removeAll(picked);
				offers.add(new Match(entry, picked.stream().map(KeptSeat::seat).toList(),
						picked.stream().mapToLong(KeptSeat::freedAt).max().orElse(now)));
			}
			else {
				pool.removeIf((k) -> serves(k, entry.section()) && k.freedAt() > now - holdBackMillis);
			}
		}
		boolean anyWaited = sectionsWaited.contains(null);
		List<String> giveBack = pool.stream()
			.filter((k) -> !anyWaited && !sectionsWaited.contains(k.seat().section()))
			.map((k) -> k.seat().id())
			.toList();
		return new Plan(offers, giveBack);
	}

	private static boolean serves(KeptSeat kept, @Nullable String section) {
		return section == null || section.equals(kept.seat().section());
	}

	/**
	 * The first run of {@code quantity} adjacent seats in one row of one section; failing
	 * that, the first seats of one section that has enough; failing that, the first
	 * seats.
	 */
	private static List<KeptSeat> pick(List<KeptSeat> usable, int quantity) {
		List<KeptSeat> run = new ArrayList<>();
		for (KeptSeat kept : usable) {
			KeptSeat last = run.isEmpty() ? null : run.get(run.size() - 1);
			boolean adjacent = last != null && last.seat().section().equals(kept.seat().section())
					&& last.seat().row().equals(kept.seat().row()) && last.seat().number() + 1 == kept.seat().number();
			if (!adjacent) {
				run.clear();
			}
			run.add(kept);
			if (run.size() == quantity) {
				return List.copyOf(run);
			}
		}
		Map<String, List<KeptSeat>> bySection = new LinkedHashMap<>();
		usable.forEach((kept) -> bySection.computeIfAbsent(kept.seat().section(), (s) -> new ArrayList<>()).add(kept));
		for (List<KeptSeat> section : bySection.values()) {
			if (section.size() >= quantity) {
				return List.copyOf(section.subList(0, quantity));
			}
		}
		return List.copyOf(usable.subList(0, quantity));
	}

}
