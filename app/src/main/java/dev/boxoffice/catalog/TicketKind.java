package dev.boxoffice.catalog;

/** What a ticket type sells: seats of sections, or places with no seat. */
public enum TicketKind {

	SEATED, GENERAL_ADMISSION

}
