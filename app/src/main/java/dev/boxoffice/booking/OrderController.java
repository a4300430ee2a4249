package dev.boxoffice.booking;

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
@Tag(name = ApiTags.ORDERS)
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
	@Operation(operationId = "purchaseHold", summary = "Buy one of your holds",
			description = "Charges the payment token and issues a ticket per seat. Send the same request again "
					+ "with the same Idempotency-Key (after a timeout, say) and you get the first answer again, "
					+ "never a second charge; keys are kept 24 hours. Simulated tokens: `tok_ok` pays, "
					+ "`tok_decline` is declined, `tok_timeout` never answers, `tok_capture_fails` authorizes "
					+ "and then fails to capture.")
	@ApiResponse(responseCode = "201", description = "Paid: the order is CONFIRMED, with its tickets.",
			content = @Content(schema = @Schema(implementation = OrderView.class)))
	@ProblemResponse(status = 400, type = "validation",
			when = "no `Idempotency-Key` (or one longer than 255 characters), or no `paymentToken`")
	@ProblemResponse(status = 402, type = "payment-declined",
			when = "the card was declined, or the capture refused; nothing charged, the seats are on sale again")
	@ProblemResponse(status = 409, type = "hold-unavailable",
			when = "the hold expired, was released, is not yours, or another purchase of it is under way")
	@ProblemResponse(status = 409, type = "event-status", when = "the event was cancelled")
	@ProblemResponse(status = 409, type = "seats-unavailable", when = "another purchase took a seat first")
	@ProblemResponse(status = 409, type = "ticket-limit",
			when = "you would have more valid tickets for the event than a buyer may (`limit`)")
	@ProblemResponse(status = 409, type = "idempotency-key-in-flight",
			when = "a request with this Idempotency-Key is still running")
	@ProblemResponse(status = 409, type = "purchase-failed",
			when = "replayed for a key whose purchase the service "
					+ "finished after its answer was lost, and which failed (`orderId`)")
	@ProblemResponse(status = 422, type = "idempotency-key-reused",
			when = "this Idempotency-Key came with another hold or payment token")
	@ProblemResponse(status = 503, type = "unavailable",
			when = "PostgreSQL or Redis was lost for a moment; nothing "
					+ "charged, the hold is still yours: buy it again with a new Idempotency-Key")
	@ProblemResponse(status = 503, type = "outcome-pending", when = "the purchase could be neither finished nor "
			+ "undone now; it is settled within about a minute: ask again with the same key (`Retry-After: 10`)")
	@ProblemResponse(status = 504, type = "payment-unavailable",
			when = "the payment provider did not answer in time; nothing charged, the seats are on sale again")
	Mono<ResponseEntity<String>> purchase(@PathVariable String holdId,
			@Parameter(required = true,
					description = "Any text of 1 to 255 characters, new for each purchase (a "
							+ "UUID is best); the same again replays the first answer.",
					schema = @Schema(minLength = 1, maxLength = 255)) @RequestHeader(name = "Idempotency-Key",
							required = false) @Nullable String key,
			@Valid @RequestBody PurchaseRequest request) {
		return CurrentUser.get()
			.flatMap((buyer) -> this.orders.purchase(buyer, holdId, request.paymentToken(), key))
			.map((response) -> ResponseEntity.status(response.status())
				.contentType(
						(response.status() >= 400) ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON)
				.body(response.json()));
	}

	@GetMapping("/api/orders/{orderId}")
	@Operation(operationId = "getOrder", summary = "One of your orders, with its tickets once it is CONFIRMED")
	@ApiResponse(responseCode = "200", description = "The order.")
	@ProblemResponse(status = 404, type = "order-not-found", when = "there is no such order of yours")
	Mono<OrderView> find(@PathVariable UUID orderId) {
		return CurrentUser.get().flatMap((buyer) -> this.orders.find(buyer, orderId));
	}

	@PostMapping("/api/orders/{orderId}/cancel")
	@Operation(operationId = "cancelOrder", summary = "Cancel one of your confirmed orders before the event",
			description = "The payment is refunded once, the tickets become VOID and the seats go back on sale. "
					+ "Cancelling a cancelled order answers it again.")
	@ApiResponse(responseCode = "200",
			description = "The order, CANCELLED (or CANCELLING while a concurrent request finishes it).")
	@ProblemResponse(status = 404, type = "order-not-found", when = "there is no such order of yours")
	@ProblemResponse(status = 409, type = "order-not-cancellable",
			when = "the order is not confirmed (pending, failed), or the event has started")
	Mono<OrderView> cancel(@PathVariable UUID orderId) {
		return CurrentUser.get().flatMap((buyer) -> this.orders.cancel(buyer, orderId));
	}

	@GetMapping("/api/me/orders")
	@Operation(operationId = "listMyOrders", summary = "Your orders, newest first, a page at a time")
	@ApiResponse(responseCode = "200", description = "A page of orders; `nextCursor` is absent on the last.")
	@ProblemResponse(status = 400, type = "validation",
			when = "`limit` is out of its bounds, or `cursor` is not one this service gave out")
	Mono<OrderPage> mine(
			@Parameter(description = "`nextCursor` of the previous page.") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100",
					defaultValue = "20")) @RequestParam(defaultValue = "20") int limit) {
		if (limit < 1 || limit > 100) {
			return Mono.error(RequestProblems.invalid("limit", "must be between 1 and 100"));
		}
		return CurrentUser.get().flatMap((buyer) -> this.orders.mine(buyer, cursor, limit));
	}

	@GetMapping("/api/me/tickets")
	@Operation(operationId = "listMyTickets", summary = "Your valid tickets, of confirmed orders")
	@ApiResponse(responseCode = "200", description = "The tickets; `code` is what the door scans.")
	Flux<TicketView> tickets() {
		return CurrentUser.get().flatMapMany(this.orders::tickets);
	}

}
