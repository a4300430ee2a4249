package dev.boxoffice.hold;

import java.util.HashSet;
import java.util.List;

import dev.boxoffice.platform.error.RequestProblems;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Seats to hold: either {@code seatIds}, or best available: {@code quantity} seats of
 * {@code section}, side by side in one row when possible.
 */
@Schema(name = HoldRequest.SCHEMA,
		description = "Either `seatIds`, or `section` and `quantity` for the best free seats of a section.")
record HoldRequest(@Nullable @Size(min = 1, max = 100) List<@NotBlank String> seatIds, @Nullable String section,
		@Nullable @Min(1) Integer quantity) {

	/**
	 * The name of this body in the API description, where its limit is the configured
	 * one.
	 */
	static final String SCHEMA = "HoldRequest";

	/**
	 * The rules bean validation cannot say: one way or the other, at most
	 * {@code maxSeats}, no seat twice.
	 */
	void validate(int maxSeats) {
		boolean chosen = this.seatIds != null;
		boolean best = this.section != null || this.quantity != null;
		if (chosen == best) {
			throw RequestProblems.invalid("seatIds", "give either seatIds, or section and quantity");
		}
		if (best && (this.section == null || this.quantity == null)) {
			throw RequestProblems.invalid(this.section == null ? "section" : "quantity",
					"is needed for a best-available hold");
		}
		int count = chosen ? this.seatIds.size() : this.quantity;
		if (count > maxSeats) {
			throw RequestProblems.invalid(chosen ? "seatIds" : "quantity", "a hold has at most " + maxSeats + " seats");
		}
		if (chosen && new HashSet<>(this.seatIds).size() != count) {
			throw RequestProblems.invalid("seatIds", "lists a seat twice");
		}
	}

}
