package dev.boxoffice.live;

import java.util.List;

/**
 * The changes one reading of an event's feed found, oldest first. Their SSE text is made
 * once, and every watcher sends it in one write: with thousands of watchers, writes per
 * watcher are what the live stream costs.
 */
final class FeedBatch {

	private final List<FeedEntry> entries;

	private final String text;

	private final boolean reset;

	FeedBatch(List<FeedEntry> entries) {
		this(entries, false);
	}

	private FeedBatch(List<FeedEntry> entries, boolean reset) {
		this.reset = reset;
		this.entries = List.copyOf(entries);
		StringBuilder text = new StringBuilder();
		for (FeedEntry entry : this.entries) {
			text.append(entry.text());
		}
		this.text = text.toString();
	}

	/**
	 * A new one each time the feed is found to have lost entries a watcher may not have
	 * seen (Redis restarted empty, or was wiped): what watchers were shown may be wrong,
	 * and each needs a fresh snapshot. Watchers of one reset share one reading of the
	 * seats.
	 */
	static FeedBatch reset() {
		return new FeedBatch(List.of(), true);
	}

	boolean isReset() {
		return this.reset;
	}

	List<FeedEntry> entries() {
		return this.entries;
	}

	boolean isEmpty() {
		return this.entries.isEmpty();
	}

	int size() {
		return this.entries.size();
	}

	/** The feed position of the newest change. */
	String lastId() {
		return this.entries.get(this.entries.size() - 1).id();
	}

	/** Every change, as SSE {@code seat} events. */
	String text() {
		return this.text;
	}

	/**
	 * The changes after feed position {@code position}: this batch itself when all are.
	 */
	FeedBatch after(String position) {
		if (this.entries.isEmpty() || this.entries.get(0).isAfter(position)) {
			return this;
		}
		return new FeedBatch(this.entries.stream().filter((entry) -> entry.isAfter(position)).toList());
	}

}
