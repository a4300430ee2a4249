package dev.boxoffice.live;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One reading of an event's change feed, as every watcher sends it. */
@Tag("unit")
class FeedBatchTests {

	private final FeedEntry first = new FeedEntry("1790000000000-0", "A-1-1", "HELD");

	private final FeedEntry second = new FeedEntry("1790000000000-1", "A-1-2", "HELD");

	private final FeedEntry third = new FeedEntry("1790000000005-0", "A-1-1", "SOLD");

	private final FeedBatch batch = new FeedBatch(List.of(this.first, this.second, this.third));

	@Test
	void aBatchSendsItsChangesAsSeatEventsOldestFirst() {
		assertThat(this.batch.text()).isEqualTo(this.first.text() + this.second.text() + this.third.text());
		assertThat(this.batch.text()).startsWith("id:1790000000000-0\nevent:seat\ndata:")
			.contains("\"seatId\":\"A-1-1\",\"status\":\"SOLD\",\"seq\":\"1790000000005-0\"")
			.endsWith("\n\n");
	}

	@Test
	void theLastIdIsThePositionOfTheNewestChange() {
		assertThat(this.batch.lastId()).isEqualTo("1790000000005-0");
		assertThat(this.batch.size()).isEqualTo(3);
		assertThat(this.batch.isEmpty()).isFalse();
	}

	@Test
	void aBatchKeepsTheChangesItWasMadeWith() {
		List<FeedEntry> entries = new ArrayList<>(List.of(this.first));
		FeedBatch batch = new FeedBatch(entries);
		entries.add(this.second);
		assertThat(batch.entries()).containsExactly(this.first);
		assertThat(batch.text()).isEqualTo(this.first.text());
	}

	@Test
	void changesUpToAPositionAreLeftOut() {
		FeedBatch later = this.batch.after("1790000000000-0");
		assertThat(later.entries()).containsExactly(this.second, this.third);
		assertThat(later.text()).isEqualTo(this.second.text() + this.third.text());
		assertThat(later.lastId()).isEqualTo("1790000000005-0");
	}

	@Test
	void aBatchWhollyAfterAPositionIsSentAsItIs() {
		// Its text was made once for every watcher; a watcher already there must not make
		// another.
		assertThat(this.batch.after("1789999999999-9")).isSameAs(this.batch);
		assertThat(this.batch.after("0-0")).isSameAs(this.batch);
	}

	@Test
	void nothingIsLeftAfterTheNewestChange() {
		FeedBatch later = this.batch.after(this.batch.lastId());
		assertThat(later.isEmpty()).isTrue();
		assertThat(later.text()).isEmpty();
		assertThat(this.batch.after("1790000000006-0").isEmpty()).isTrue();
	}

	@Test
	void positionsCompareAsNumbersNotAsText() {
		FeedBatch batch = new FeedBatch(List.of(new FeedEntry("10-2", "A-1-1", "HELD"),
				new FeedEntry("10-10", "A-1-2", "HELD"), new FeedEntry("100-0", "A-1-3", "HELD")));
		assertThat(batch.after("9-99")).isSameAs(batch);
		assertThat(batch.after("10-9").entries()).extracting(FeedEntry::id).containsExactly("10-10", "100-0");
		assertThat(batch.after("99-0").entries()).extracting(FeedEntry::id).containsExactly("100-0");
	}

	@Test
	void aResetCarriesNoChangesAndSaysSo() {
		FeedBatch reset = FeedBatch.reset();
		assertThat(reset.isReset()).isTrue();
		assertThat(reset.isEmpty()).isTrue();
		assertThat(reset.text()).isEmpty();
		assertThat(this.batch.isReset()).isFalse();
		assertThat(new FeedBatch(List.of()).isReset()).isFalse();
	}

	@Test
	void eachResetIsANewOne() {
		// Watchers tell one reset from the next by identity, to share one fresh snapshot
		// per reset.
		assertThat(FeedBatch.reset()).isNotSameAs(FeedBatch.reset());
	}

}
