package dev.boxoffice.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/** One page of search results; {@code nextCursor} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventPage(List<EventView> items, @Nullable String nextCursor) {

}
