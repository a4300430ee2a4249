package dev.boxoffice.catalog;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Request bodies of the event endpoints. */
final class EventRequests {

	static final String CATEGORY = "[a-z0-9][a-z0-9-]{0,39}";

	private EventRequests() {
	}

	/**
	 * A new event at one of the organizer's venues. {@code prices} overrides the venue's
	 * section prices (section code → cents); {@code currency} is ISO 4217.
	 */
	@Schema(name = "NewEvent")
	record Create(@NotNull UUID venueId, @NotBlank @Size(max = 200) String title,
			@Nullable @Size(max = 5000) String description,
			@NotNull @Pattern(regexp = CATEGORY,
					message = "must be lower-case letters, digits or dashes") String category,
			@NotNull Instant startsAt, @NotNull Instant endsAt,
			@NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
			@Nullable Map<String, @NotNull @Min(0) @Max(100_000_000) Integer> prices) {
	}

	/** Fields to change; absent ones stay as they are. */
	@Schema(name = "EventChanges")
	record Patch(
			@Nullable @Size(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String title,
			@Nullable @Size(max = 5000) String description,
			@Nullable @Pattern(regexp = CATEGORY,
					message = "must be lower-case letters, digits or dashes") String category,
			@Nullable Instant startsAt, @Nullable Instant endsAt) {
	}

}
