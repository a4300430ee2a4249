package dev.boxoffice.waitlist;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.boxoffice.inventory.SeatRecord;
import dev.boxoffice.waitlist.OfferRule.KeptSeat;
import dev.boxoffice.waitlist.OfferRule.Match;
import dev.boxoffice.waitlist.OfferRule.Plan;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which kept seats go to which entry, as a pure function. */
@Tag("unit")
class OfferRuleTests {

	private static final long NOW = 1_000_000;

	private static final long HOLD_BACK = 30_000;

	private static final UUID EVENT = UUID.randomUUID();

	@Test
	void theLineIsServedInOrderEachEntryItsFullQuantityAdjacentWherePossible() {
		WaitlistEntry first = entry(2, null);
		WaitlistEntry second = entry(1, null);
		Plan plan = OfferRule.plan(kept(NOW - 10, "A-1-1", "A-2-1", "A-2-2", "A-3-7"), List.of(first, second),
				sections((String) null), NOW, HOLD_BACK);
		assertThat(plan.offers()).hasSize(2);
		assertThat(seatsOf(plan.offers().get(0))).as("a run of two in row 2").containsExactly("A-2-1", "A-2-2");
		assertThat(plan.offers().get(0).entry()).isEqualTo(first);
		assertThat(seatsOf(plan.offers().get(1))).containsExactly("A-1-1");
		assertThat(plan.offers().get(1).entry()).isEqualTo(second);
		assertThat(plan.giveBack()).isEmpty();
	}

	@Test
	void tooFewSeatsForTheFrontAreHeldBackForItWhileYoungAndGoToALaterEntryOnceOld() {
		WaitlistEntry big = entry(3, null);
		WaitlistEntry small = entry(1, null);
		Plan young = OfferRule.plan(kept(NOW - 1_000, "A-1-1", "A-1-2"), List.of(big, small), sections((String) null),
				NOW, HOLD_BACK);
		assertThat(young.offers()).as("accumulating for the front entry").isEmpty();
		assertThat(young.giveBack()).isEmpty();

		Plan old = OfferRule.plan(kept(NOW - HOLD_BACK - 1, "A-1-1", "A-1-2"), List.of(big, small),
				sections((String) null), NOW, HOLD_BACK);
		assertThat(old.offers()).hasSize(1);
		assertThat(old.offers().get(0).entry()).isEqualTo(small);
		assertThat(old.giveBack()).as("the rest stays for the front entry").isEmpty();

		Plan enough = OfferRule.plan(kept(NOW - 1_000, "A-1-1", "A-1-2", "A-1-3"), List.of(big, small),
				sections((String) null), NOW, HOLD_BACK);
		assertThat(enough.offers()).extracting(Match::entry).containsExactly(big);
	}

	@Test
	void anEntryIsServedOnlyFromItsSectionAndSeatsNoOneWaitsForGoBack() {
		WaitlistEntry wantsB = entry(1, "B");
		Plan plan = OfferRule.plan(kept(NOW - 10, "A-1-1", "B-1-1", "C-1-1"), List.of(wantsB), sections("B", "C"), NOW,
				HOLD_BACK);
		assertThat(plan.offers()).hasSize(1);
		assertThat(seatsOf(plan.offers().get(0))).containsExactly("B-1-1");
		assertThat(plan.giveBack()).as("C is waited for further down the line; A by no one").containsExactly("A-1-1");
	}

	@Test
	void aPartialFreeDoesNotStarveALaterEntryOfAnotherSection() {
		WaitlistEntry wantsTwoInA = entry(2, "A");
		WaitlistEntry wantsOneInB = entry(1, "B");
		Plan plan = OfferRule.plan(kept(NOW - 10, "A-1-1", "B-1-1"), List.of(wantsTwoInA, wantsOneInB),
				sections("A", "B"), NOW, HOLD_BACK);
		assertThat(plan.offers()).extracting(Match::entry).containsExactly(wantsOneInB);
		assertThat(plan.giveBack()).isEmpty();
	}

	@Test
	void anOfferIsAsOldAsTheLastOfItsSeatsToBeFreed() {
		List<KeptSeat> kept = List.of(new KeptSeat(seat("A-1-1"), NOW - 5_000), new KeptSeat(seat("A-1-2"), NOW - 200));
		Plan plan = OfferRule.plan(kept, List.of(entry(2, null)), sections((String) null), NOW, HOLD_BACK);
		assertThat(plan.offers().get(0).freedAt()).isEqualTo(NOW - 200);
	}

	@Test
	void rowsAreTakenInLayoutOrderAndARunNeverSpansTwoRows() {
		Plan plan = OfferRule.plan(kept(NOW - 10, "A-AA-1", "A-B-2", "A-B-1", "A-A-9", "A-B-3"),
				List.of(entry(3, null)), sections((String) null), NOW, HOLD_BACK);
		assertThat(seatsOf(plan.offers().get(0))).containsExactly("A-B-1", "A-B-2", "A-B-3");
	}

	private static WaitlistEntry entry(int quantity, @Nullable String section) {
		Instant joined = Instant.ofEpochMilli(NOW);
		return new WaitlistEntry(UUID.randomUUID(), EVENT, UUID.randomUUID(), quantity, section, WaitlistTier.STANDARD,
				null, WaitlistState.WAITING, joined, joined, 0, 0);
	}

	private static List<KeptSeat> kept(long freedAt, String... ids) {
		return Arrays.stream(ids).map((id) -> new KeptSeat(seat(id), freedAt)).toList();
	}

	/** "A-2-5": section A, row 2, number 5. */
	private static SeatRecord seat(String id) {
		String[] parts = id.split("-");
		return new SeatRecord(id, parts[0], parts[1], Integer.parseInt(parts[2]), 4000, false, 0);
	}

	private static Set<@Nullable String> sections(@Nullable String... codes) {
		return new HashSet<>(Arrays.asList(codes));
	}

	private static List<String> seatsOf(Match match) {
		return match.seats().stream().map(SeatRecord::id).toList();
	}

}
