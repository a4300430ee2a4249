package dev.boxoffice.waitlist;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Request bodies of the waitlist endpoints. */
final class WaitlistRequests {

	private WaitlistRequests() {
	}

	/**
	 * Joining the line for {@code quantity} seats, in {@code section} or (absent)
	 * anywhere. The upper bound of {@code quantity} is the per-buyer ticket limit,
	 * checked by the service.
	 */
	@Schema(name = "WaitlistJoin")
	record Join(@NotNull @Min(1) Integer quantity, @Nullable @Size(min = 1, max = 40) String section) {
	}

	/** A new tier for an entry; {@code reason} is required for PRIORITY and kept. */
	@Schema(name = "WaitlistTierChange")
	record TierChange(@NotNull WaitlistTier tier,
			@Nullable @Size(max = 500) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String reason) {
	}

}
