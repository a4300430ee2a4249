package dev.boxoffice.hold;

import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Seats to hold: either {@code seatIds}, or best available: {@code quantity} seats of
 * {@code section}, side by side in one row when possible.
 */
record HoldRequest(@Nullable @Size(min = 1, max = 100) List<@NotBlank String> seatIds, @Nullable String section,
		@Nullable @Min(1) Integer quantity) {

}
