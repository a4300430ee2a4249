package dev.boxoffice.booking;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/** A page of a buyer's orders; {@code nextCursor} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderPage(List<OrderView> items, @Nullable String nextCursor) {

}
