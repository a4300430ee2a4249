package dev.boxoffice.booking;

import jakarta.validation.constraints.NotBlank;

/**
 * How a hold is paid for: a payment token from the provider (simulated: {@code tok_ok},
 * …).
 */
record PurchaseRequest(@NotBlank String paymentToken) {

}
