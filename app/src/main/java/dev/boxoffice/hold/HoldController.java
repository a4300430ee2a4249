package dev.boxoffice.hold;

import java.net.URI;
import java.util.UUID;

import dev.boxoffice.platform.ratelimit.ClientAddresses;
import dev.boxoffice.platform.security.CurrentUser;
import dev.boxoffice.platform.web.ApiTags;
import dev.boxoffice.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A buyer's holds: take one, look at it, give it up. */
@RestController
@Tag(name = ApiTags.HOLDS)
class HoldController {

	private final Holds holds;

	private final ClientAddresses addresses;

	HoldController(Holds holds, ClientAddresses addresses) {
		this.holds = holds;
		this.addresses = addresses;
	}

	@PostMapping("/api/events/{eventId}/holds")
	@Operation(operationId = "holdSeats", summary = "Hold seats of an event for a few minutes, all or none",
			description = "The seats named in `seatIds`, or the best `quantity` free seats of `section` (side by "
					+ "side in one row when possible). The hold lasts `boxoffice.holds.ttl` (5 minutes): buy it "
					+ "before `expiresAt`.")
	@ApiResponse(responseCode = "201", description = "Held; `Location` is the hold.")
	@ProblemResponse(status = 400, type = "validation", when = "neither or both of `seatIds` and section with "
			+ "quantity, more seats than a hold may have, a seat named twice, or a seat the event does not have")
	@ProblemResponse(status = 404, type = "event-not-found", when = "there is no such event")
	@ProblemResponse(status = 409, type = "seats-unavailable",
			when = "a seat is held or sold (`unavailableSeats`), or too few are free; nothing is held")
	@ProblemResponse(status = 409, type = "hold-limit",
			when = "this account, or this client address, would hold "
					+ "more seats of the event than it may at once (`scope`, `held`, `limit`)")
	@ProblemResponse(status = 409, type = "event-status", when = "the event is not on sale")
	Mono<ResponseEntity<Hold>> hold(@PathVariable UUID eventId, @Valid @RequestBody HoldRequest request,
			ServerHttpRequest http) {
		String address = this.addresses.of(http);
		return CurrentUser.get()
			.flatMap((buyer) -> this.holds.hold(buyer, address, eventId, request))
			.map((hold) -> ResponseEntity.created(URI.create("/api/holds/" + hold.holdId())).body(hold));
	}

	@GetMapping("/api/holds/{holdId}")
	@Operation(operationId = "getHold", summary = "One of your holds")
	@ApiResponse(responseCode = "200", description = "The hold.")
	@ProblemResponse(status = 404, type = "hold-not-found",
			when = "there is no such hold of yours: it expired, was bought or released, or is someone else's")
	Mono<Hold> find(@PathVariable String holdId) {
		return CurrentUser.get().flatMap((buyer) -> this.holds.findOwn(buyer, holdId));
	}

	@DeleteMapping("/api/holds/{holdId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "releaseHold", summary = "Give the seats of one of your holds back at once")
	@ApiResponse(responseCode = "204", description = "Released; the seats are AVAILABLE again.")
	@ProblemResponse(status = 404, type = "hold-not-found",
			when = "there is no such hold of yours: it expired, was bought or released, or is someone else's")
	@ProblemResponse(status = 409, type = "hold-being-bought", when = "a purchase of the hold is under way")
	Mono<Void> release(@PathVariable String holdId) {
		return CurrentUser.get().flatMap((buyer) -> this.holds.releaseOwn(buyer, holdId));
	}

}
