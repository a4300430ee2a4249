package dev.boxoffice.booking;

import java.util.UUID;

import dev.boxoffice.catalog.EventCatalog;
import dev.boxoffice.platform.security.AccessRules;
import dev.boxoffice.platform.web.ApiTags;
import dev.boxoffice.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The audit of an event's invariants, for its organizer and admins. */
@RestController
@Tag(name = ApiTags.OPERATIONS)
class BookingController {

	private final EventAudit audit;

	private final EventCatalog catalog;

	BookingController(EventAudit audit, EventCatalog catalog) {
		this.audit = audit;
		this.catalog = catalog;
	}

	@GetMapping("/api/admin/events/{eventId}/audit")
	@Operation(operationId = "auditEvent", summary = "Check an event's invariants (its organizer, or an ADMIN)",
			description = "Reconciles PostgreSQL, Redis and the payment provider: every invariant with a count "
					+ "and `ok`; the report's `ok` is true only if all hold.")
	@ApiResponse(responseCode = "200", description = "The report.")
	@ProblemResponse(status = 403, type = "forbidden", when = "the caller is not the event's organizer nor an ADMIN")
	@ProblemResponse(status = 404, type = "event-not-found",
			when = "there is no such event (or it is a draft of another organizer's)")
	Mono<AuditReport> audit(@PathVariable UUID eventId) {
		return this.catalog.event(eventId)
			.flatMap((event) -> AccessRules.ownerOrAdmin(event.organizerId()))
			.then(this.audit.audit(eventId));
	}

}
