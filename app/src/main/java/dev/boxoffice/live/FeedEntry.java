package dev.boxoffice.live;

/** One change of one seat, as the feed holds it; {@code id} is its position in the feed. */
record FeedEntry(String id, String seatId, String status) {

	/** Whether this entry comes after the feed position {@code other} ("ms-seq"). */
	boolean isAfter(String other) {
		return compare(this.id, other) > 0;
	}

	/** When the change entered the feed (Redis's clock, epoch ms). */
	long millis() {
		return Long.parseLong(this.id.substring(0, this.id.indexOf('-')));
	}

	static int compare(String a, String b) {
		String[] left = a.split("-");
		String[] right = b.split("-");
		int byTime = Long.compare(Long.parseLong(left[0]), Long.parseLong(right[0]));
		return (byTime != 0) ? byTime : Long.compare(Long.parseLong(left[1]), Long.parseLong(right[1]));
	}

}
