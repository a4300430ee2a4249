package dev.boxoffice.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** One page of search results; {@code nextCursor} is absent on the last page. */
public record EventPage(List<EventView> items, @Nullable String nextCursor) {

}
