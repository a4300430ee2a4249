package dev.boxoffice.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * One page of an event's history, newest first; {@code nextCursor} is absent on the last.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "EventHistoryPage")
record EventHistoryPage(List<EventHistoryEntry> items, @Nullable String nextCursor) {

}
