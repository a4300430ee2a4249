package dev.boxoffice.hold;

import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.platform.error.RequestProblems;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What to hold: seats — either {@code seatIds}, or best available: {@code quantity} seats
 * of {@code section}, side by side in one row when possible — and/or general-admission
 * places, {@code items} of a ticket type each.
 */
@Schema(name = HoldRequest.SCHEMA,
		description = "Seats — either `seatIds`, or `section` and `quantity` for the best free seats of a section — "
				+ "and/or `items`: places of general-admission ticket types. All or nothing.")
record HoldRequest(@Nullable @Size(min = 1, max = 100) List<@NotBlank String> seatIds, @Nullable String section,
		@Nullable @Min(1) Integer quantity, @Nullable @Size(min = 1, max = 20) List<@NotNull @Valid Item> items) {

	/** Places of one general-admission ticket type. */
	@Schema(name = "HoldItem")
	record Item(@NotNull UUID ticketTypeId, @NotNull @Min(1) @Max(100) Integer quantity) {
	}

	int places() {
		return (this.items != null) ? this.items.stream().mapToInt(Item::quantity).sum() : 0;
	}

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
		if (chosen && best || !chosen && !best && this.items == null) {
			throw RequestProblems.invalid("seatIds", "give either seatIds, or section and quantity, and/or items");
		}
		if (best && (this.section == null || this.quantity == null)) {
			throw RequestProblems.invalid(this.section == null ? "section" : "quantity",
					"is needed for a best-available hold");
		}
		if (this.items != null && this.items.stream().map(Item::ticketTypeId).distinct().count() != this.items.size()) {
			throw RequestProblems.invalid("items", "lists a ticket type twice");
		}
		int count = (chosen ? this.seatIds.size() : best ? this.quantity : 0) + places();
		if (count > maxSeats) {
			throw RequestProblems.invalid(chosen ? "seatIds" : best ? "quantity" : "items",
					"a hold has at most " + maxSeats + ((this.items != null) ? " seats and places" : " seats"));
		}
		if (chosen && new HashSet<>(this.seatIds).size() != this.seatIds.size()) {
			throw RequestProblems.invalid("seatIds", "lists a seat twice");
		}
	}

}
