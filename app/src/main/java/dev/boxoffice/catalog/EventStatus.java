package dev.boxoffice.catalog;

import io.swagger.v3.oas.annotations.media.Schema;

/** An event's life: created as a DRAFT, put ON_SALE by publishing, possibly CANCELLED. */
@Schema(name = "EventStatus", enumAsRef = true)
public enum EventStatus {

	DRAFT, ON_SALE, CANCELLED

}
