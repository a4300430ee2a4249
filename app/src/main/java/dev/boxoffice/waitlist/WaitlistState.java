package dev.boxoffice.waitlist;

import java.util.List;

/**
 * An entry's state. WAITING and OFFERED are live (one per buyer per event); the others
 * are final. Only WAITING, LEFT and ENDED are reached so far: offers are still to come.
 */
enum WaitlistState {

	WAITING, OFFERED, PURCHASED, DECLINED, EXPIRED, LEFT, ENDED;

	static final List<String> LIVE = List.of(WAITING.name(), OFFERED.name());

	boolean live() {
		return this == WAITING || this == OFFERED;
	}

}
