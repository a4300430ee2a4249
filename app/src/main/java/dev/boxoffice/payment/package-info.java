/**
 * Taking money: the {@link dev.boxoffice.payment.PaymentGateway} port, and a simulated
 * provider behind it.
 */
@NullMarked
package dev.boxoffice.payment;

import org.jspecify.annotations.NullMarked;
