package dev.boxoffice.booking;

import java.util.UUID;

import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.platform.security.AccessRules;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The audit of an event's invariants, for its organizer and admins. */
@RestController
class BookingController {

	private final EventAudit audit;

	private final EventCatalog catalog;

	BookingController(EventAudit audit, EventCatalog catalog) {
		this.audit = audit;
		this.catalog = catalog;
	}

	@GetMapping("/api/admin/events/{eventId}/audit")
	Mono<AuditReport> audit(@PathVariable UUID eventId) {
		return this.catalog.event(eventId)
			.flatMap((event) -> AccessRules.ownerOrAdmin(event.organizerId()))
			.then(this.audit.audit(eventId));
	}

}
