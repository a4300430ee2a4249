package dev.boxoffice.waitlist;

import java.util.List;

/**
 * An entry's state. WAITING and OFFERED are live (one per buyer per event); the others
 * are final, except that an OFFERED entry whose offer ended unbought may go back to
 * WAITING ({@code boxoffice.waitlist.max-requeues}).
 */
enum WaitlistState {

	WAITING, OFFERED, PURCHASED, DECLINED, EXPIRED, LEFT, ENDED;

	static final List<String> LIVE = List.of(WAITING.name(), OFFERED.name());

	boolean live() {
		return this == WAITING || this == OFFERED;
	}

}
