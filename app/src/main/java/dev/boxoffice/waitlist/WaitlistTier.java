package dev.boxoffice.waitlist;

/**
 * Where an entry stands in the line: priority entries are served before standard ones.
 */
enum WaitlistTier {

	STANDARD, PRIORITY;

	/** The entry's rank in the line's order (lower first), as the table stores it. */
	int rank() {
		return (this == PRIORITY) ? 0 : 1;
	}

}
