package dev.boxoffice.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One change to an event: the version it produced, its kind, who made it and when, the
 * fields it changed with their values before and after ({@code before} is empty for the
 * creation).
 */
@Schema(name = "EventHistoryEntry")
record EventHistoryEntry(long version, EventChange.Kind kind, UUID actorId, Instant changedAt, List<String> fields,
		Map<String, Object> before, Map<String, Object> after) {

}
