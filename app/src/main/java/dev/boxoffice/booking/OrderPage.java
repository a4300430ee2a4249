package dev.boxoffice.booking;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A page of a buyer's orders; {@code nextCursor} is absent on the last page. */
public record OrderPage(List<OrderView> items, @Nullable String nextCursor) {

}
