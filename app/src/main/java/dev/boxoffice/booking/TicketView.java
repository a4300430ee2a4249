package dev.boxoffice.booking;

import java.util.UUID;

/** A ticket: one seat of one event; {@code code} is what the door scans. */
public record TicketView(UUID id, UUID orderId, UUID eventId, String seatId, String code, String status) {

}
