package dev.boxoffice.catalog;

/** An event's life: created as a DRAFT, put ON_SALE by publishing, possibly CANCELLED. */
public enum EventStatus {

	DRAFT, ON_SALE, CANCELLED

}
