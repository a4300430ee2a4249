package dev.boxoffice.hold;

import java.net.URI;
import java.util.UUID;

import dev.boxoffice.platform.ratelimit.ClientAddresses;
import dev.boxoffice.platform.security.CurrentUser;
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
class HoldController {

	private final Holds holds;

	private final ClientAddresses addresses;

	HoldController(Holds holds, ClientAddresses addresses) {
		this.holds = holds;
		this.addresses = addresses;
	}

	@PostMapping("/api/events/{eventId}/holds")
	Mono<ResponseEntity<Hold>> hold(@PathVariable UUID eventId, @Valid @RequestBody HoldRequest request,
			ServerHttpRequest http) {
		String address = this.addresses.of(http);
		return CurrentUser.get()
			.flatMap((buyer) -> this.holds.hold(buyer, address, eventId, request))
			.map((hold) -> ResponseEntity.created(URI.create("/api/holds/" + hold.holdId())).body(hold));
	}

	@GetMapping("/api/holds/{holdId}")
	Mono<Hold> find(@PathVariable String holdId) {
		return CurrentUser.get().flatMap((buyer) -> this.holds.findOwn(buyer, holdId));
	}

	@DeleteMapping("/api/holds/{holdId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> release(@PathVariable String holdId) {
		return CurrentUser.get().flatMap((buyer) -> this.holds.releaseOwn(buyer, holdId));
	}

}
