package dev.boxoffice.waitlist;

import java.net.URI;
import java.util.UUID;

import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.security.CurrentUser;
import dev.boxoffice.platform.web.ApiTags;
import dev.boxoffice.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An event's waitlist: buyers join, look, leave and decline offers; its organizer lists
 * and ranks it.
 */
@RestController
@Tag(name = ApiTags.WAITLIST)
class WaitlistController {

	private final Waitlists waitlists;

	private final Offers offers;

	WaitlistController(Waitlists waitlists, Offers offers) {
		this.waitlists = waitlists;
		this.offers = offers;
	}

	/**
	 * Header {@code Idempotency-Key} required: checked by the join (a problem detail
	 * naming it), not by binding. The answer is JSON the join made or kept.
	 */
	@PostMapping("/api/events/{eventId}/waitlist")
	@Operation(operationId = "joinWaitlist", summary = "Join an event's waitlist for seats that are not free",
			description = "For `quantity` seats (1 to the per-buyer ticket limit, "
					+ "`boxoffice.booking.max-tickets-per-buyer`), in `section` or anywhere. Seats freed later go to "
					+ "the line in order as offers (a hold of yours for `boxoffice.waitlist.offer-ttl`, told on "
					+ "`/api/me/events/stream` as `waitlist-offer`). The same request again with the same "
					+ "Idempotency-Key replays the first answer; a refused join keeps nothing.")
	@ApiResponse(responseCode = "201", description = "In line; `Location` is your entry.",
			content = @Content(schema = @Schema(implementation = WaitlistPlace.class)))
	@ProblemResponse(status = 400, type = "validation", when = "no `Idempotency-Key` (or one longer than 255 "
			+ "characters), no `quantity` or one over the per-buyer ticket limit, or a section the event does not have")
	@ProblemResponse(status = 404, type = "event-not-found", when = "there is no such event")
	@ProblemResponse(status = 409, type = "event-status", when = "the event is not on sale (`eventStatus`)")
	@ProblemResponse(status = 409, type = "waitlist-entry-exists",
			when = "you already have a live entry in this waitlist (`entryId`)")
	@ProblemResponse(status = 409, type = "seats-available",
			when = "that many seats are free right now (in the section, if one is given): hold them instead")
	@ProblemResponse(status = 409, type = "waitlist-seats-only",
			when = "the event sells general-admission places only: the waitlist is for seats")
	@ProblemResponse(status = 422, type = "idempotency-key-reused",
			when = "this Idempotency-Key came with another event, quantity or section")
	@ProblemResponse(status = 503, type = "busy", when = "the line changed under the join; try again")
	Mono<ResponseEntity<String>> join(@PathVariable UUID eventId,
			@Parameter(required = true,
					description = "Any text of 1 to 255 characters, new for each join (a UUID is best); the same "
							+ "again replays the first answer.",
					schema = @Schema(minLength = 1, maxLength = 255)) @RequestHeader(name = "Idempotency-Key",
							required = false) @Nullable String key,
			@Valid @RequestBody WaitlistRequests.Join request) {
		return CurrentUser.get()
			.flatMap((buyer) -> this.waitlists.join(buyer, eventId, request, key))
			.map((joined) -> ResponseEntity.created(URI.create("/api/events/" + eventId + "/waitlist/me"))
				.contentType(MediaType.APPLICATION_JSON)
				.body(joined.json()));
	}

	@GetMapping("/api/events/{eventId}/waitlist/me")
	@Operation(operationId = "getMyWaitlistEntry",
			summary = "Your live entry in an event's waitlist, your place, and your offer")
	@ApiResponse(responseCode = "200",
			description = "The entry; `position` (1 = next served) and `ahead` while it "
					+ "is WAITING, `offer` while it is OFFERED.")
	@ProblemResponse(status = 404, type = "event-not-found", when = "there is no such event")
	@ProblemResponse(status = 404, type = "waitlist-entry-not-found", when = "you have no live entry in this waitlist")
	Mono<WaitlistPlace> mine(@PathVariable UUID eventId) {
		return CurrentUser.get().flatMap((buyer) -> this.waitlists.mine(buyer, eventId));
	}

	@DeleteMapping("/api/events/{eventId}/waitlist/me")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "leaveWaitlist", summary = "Leave an event's waitlist",
			description = "Your live entry becomes LEFT. Answers 204 as well when you had none (left already, or "
					+ "never joined), so it can be sent again safely.")
	@ApiResponse(responseCode = "204", description = "You are not in line (any more).")
	@ProblemResponse(status = 404, type = "event-not-found", when = "there is no such event")
	Mono<Void> leave(@PathVariable UUID eventId) {
		return CurrentUser.get().flatMap((buyer) -> this.waitlists.leave(buyer, eventId));
	}

	@PostMapping("/api/waitlist/offers/{offerId}/decline")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "declineWaitlistOffer", summary = "Decline your waitlist offer",
			description = "The offer and its entry become DECLINED, and its seats go at once to the next entry in "
					+ "line (or back to sale). Declining a declined offer again answers 204. To accept an offer, "
					+ "buy its hold: `POST /api/orders` with its `holdId`.")
	@ApiResponse(responseCode = "204", description = "Declined.")
	@ProblemResponse(status = 404, type = "waitlist-offer-not-found", when = "you have no offer with that id")
	@ProblemResponse(status = 409, type = "waitlist-offer-not-live",
			when = "the offer was bought, expired, or ended with its event (`offerState`)")
	@ProblemResponse(status = 409, type = "waitlist-offer-being-bought",
			when = "a purchase of the offer's hold is under way")
	Mono<Void> decline(@PathVariable UUID offerId) {
		return CurrentUser.get().flatMap((buyer) -> this.offers.decline(buyer, offerId));
	}

	@PatchMapping("/api/events/{eventId}/waitlist/{entryId}")
	@Operation(operationId = "changeWaitlistTier",
			summary = "Move an entry to another tier (the event's organizer, or an ADMIN)",
			description = "PRIORITY entries are served before STANDARD ones, each tier by time of joining. "
					+ "`reason` is required for PRIORITY and kept on the entry.")
	@ApiResponse(responseCode = "200", description = "The entry in its new tier.")
	@ProblemResponse(status = 400, type = "validation", when = "no `tier`, or PRIORITY without a `reason`")
	@ProblemResponse(status = 404, type = "event-not-found",
			when = "there is no such event, or it is another organizer's")
	@ProblemResponse(status = 404, type = "waitlist-entry-not-found", when = "the event's waitlist has no such entry")
	@ProblemResponse(status = 409, type = "waitlist-entry-not-live",
			when = "the entry is no longer in line (`entryState`: LEFT, ENDED, …)")
	Mono<WaitlistEntryView> changeTier(@PathVariable UUID eventId, @PathVariable UUID entryId,
			@Valid @RequestBody WaitlistRequests.TierChange change) {
		return this.waitlists.changeTier(eventId, entryId, change);
	}

	@GetMapping("/api/events/{eventId}/waitlist")
	@Operation(operationId = "listWaitlist",
			summary = "An event's waitlist in line order, a page at a time (its organizer, or an ADMIN)",
			description = "Every entry, whatever its state, priority ones first, then by time of joining; "
					+ "`counts` are of the whole list: by state, and the live entries by tier.")
	@ApiResponse(responseCode = "200", description = "A page of entries; `nextCursor` is absent on the last.")
	@ProblemResponse(status = 400, type = "validation",
			when = "`limit` is out of its bounds, or `cursor` is not one this service gave out")
	@ProblemResponse(status = 404, type = "event-not-found",
			when = "there is no such event, or it is another organizer's")
	Mono<WaitlistPage> list(@PathVariable UUID eventId,
			@Parameter(description = "`nextCursor` of the previous page.") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100",
					defaultValue = "20")) @RequestParam(defaultValue = "20") int limit) {
		if (limit < 1 || limit > 100) {
			return Mono.error(RequestProblems.invalid("limit", "must be between 1 and 100"));
		}
		return this.waitlists.list(eventId, cursor, limit);
	}

}
