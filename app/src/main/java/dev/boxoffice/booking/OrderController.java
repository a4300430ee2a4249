package dev.boxoffice.booking;

import java.util.UUID;

import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.security.CurrentUser;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Purchases, orders and tickets of the caller. */
@RestController
class OrderController {

	private final Orders orders;

	OrderController(Orders orders) {
		this.orders = orders;
	}

	/**
	 * Header {@code Idempotency-Key} required: it is checked by the purchase (a problem
	 * detail naming it), not by binding. The answer is JSON the purchase made or kept.
	 */
	@PostMapping("/api/holds/{holdId}/purchase")
	Mono<ResponseEntity<String>> purchase(@PathVariable String holdId,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
			@Valid @RequestBody PurchaseRequest request) {
		return CurrentUser.get()
			.flatMap((buyer) -> this.orders.purchase(buyer, holdId, request.paymentToken(), key))
			.map((response) -> ResponseEntity.status(response.status())
				.contentType((response.status() >= 400) ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON)
				.body(response.json()));
	}

	@GetMapping("/api/orders/{orderId}")
	Mono<OrderView> find(@PathVariable UUID orderId) {
		return CurrentUser.get().flatMap((buyer) -> this.orders.find(buyer, orderId));
	}

	@PostMapping("/api/orders/{orderId}/cancel")
	Mono<OrderView> cancel(@PathVariable UUID orderId) {
		return CurrentUser.get().flatMap((buyer) -> this.orders.cancel(buyer, orderId));
	}

	@GetMapping("/api/me/orders")
	Mono<OrderPage> mine(@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "20") int limit) {
		if (limit < 1 || limit > 100) {
			return Mono.error(RequestProblems.invalid("limit", "must be between 1 and 100"));
		}
		return CurrentUser.get().flatMap((buyer) -> this.orders.mine(buyer, cursor, limit));
	}

	@GetMapping("/api/me/tickets")
	Flux<TicketView> tickets() {
		return CurrentUser.get().flatMapMany(this.orders::tickets);
	}

}
