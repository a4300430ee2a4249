package dev.boxoffice.waitlist;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A page of an event's waitlist in line order, with the counts of the whole list;
 * {@code nextCursor} is absent on the last page.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "WaitlistPage")
record WaitlistPage(List<WaitlistEntryView> items, Counts counts, @Nullable String nextCursor) {

	/**
	 * Entries of the event by state (every state, zeros included), and the live ones
	 * (WAITING or OFFERED) by tier.
	 */
	@Schema(name = "WaitlistCounts")
	record Counts(Map<WaitlistState, Long> byState, Map<WaitlistTier, Long> liveByTier) {
	}

}
