package dev.boxoffice.live;

import java.util.List;

/**
 * Every seat's state at feed {@code position}, compactly: the held and the sold seats;
 * every other seat of the event (see {@code GET /api/events/{id}/seats}) is AVAILABLE.
 */
record SeatSnapshot(String position, long capacity, List<String> held, List<String> sold) {

}
