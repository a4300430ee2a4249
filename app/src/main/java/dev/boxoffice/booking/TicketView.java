package dev.boxoffice.booking;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A ticket: one seat of one event; {@code code} is what the door scans. */
@Schema(name = "Ticket")
public record TicketView(UUID id, UUID orderId, UUID eventId, String seatId, String code, String status) {

}
