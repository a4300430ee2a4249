package dev.boxoffice.booking;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A ticket: one seat, or one general-admission place (no seat), of one event, of a ticket
 * type; {@code code} is what the door scans.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Ticket")
public record TicketView(UUID id, UUID orderId, UUID eventId, @Nullable String seatId, @Nullable UUID ticketTypeId,
		String code, String status) {

}
