package dev.boxoffice.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** The invariants of one event, each with what was counted and whether it holds. */
public record AuditReport(UUID eventId, Instant checkedAt, boolean ok, List<Check> checks) {

	/**
	 * One invariant: {@code value} is what was counted, {@code ok} whether that is right.
	 */
	@Schema(name = "AuditCheck")
	public record Check(String name, boolean ok, long value, String rule) {
	}

	static AuditReport of(UUID eventId, Instant at, List<Check> checks) {
		return new AuditReport(eventId, at, checks.stream().allMatch(Check::ok), checks);
	}

}
