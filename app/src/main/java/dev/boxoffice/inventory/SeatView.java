package dev.boxoffice.inventory;

import io.swagger.v3.oas.annotations.media.Schema;

/** One seat of an event as the API shows it. */
@Schema(name = "Seat")
public record SeatView(String id, String section, String row, int number, int priceCents, boolean accessible,
		SeatStatus status) {

}
