package dev.boxoffice.inventory;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a buyer sees of a seat. */
@Schema(name = "SeatStatus", enumAsRef = true)
public enum SeatStatus {

	AVAILABLE, HELD, SOLD

}
