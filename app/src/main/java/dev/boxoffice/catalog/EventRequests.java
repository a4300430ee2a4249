package dev.boxoffice.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
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
	 * section prices (section code → cents); {@code currency} is ISO 4217. Without
	 * {@code ticketTypes}, the event sells every seat of the venue, one seated type per
	 * section; with them, what they say (and {@code pools} for general admission).
	 */
	@Schema(name = "NewEvent")
	record Create(@NotNull UUID venueId, @NotBlank @Size(max = 200) String title,
			@Nullable @Size(max = 5000) String description,
			@NotNull @Pattern(regexp = CATEGORY,
					message = "must be lower-case letters, digits or dashes") String category,
			@NotNull Instant startsAt, @NotNull Instant endsAt,
			@NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
			@Nullable Map<String, @NotNull @Min(0) @Max(100_000_000) Integer> prices,
			@Nullable @Size(max = 20) List<@NotNull @Valid NewPool> pools,
			@Nullable @Size(min = 1, max = 50) List<@NotNull @Valid NewTicketType> ticketTypes) {
	}

	/** A capacity that general-admission types draw on. */
	@Schema(name = "NewPool")
	record NewPool(@NotBlank @Size(max = 100) String name, @NotNull @Min(1) @Max(1_000_000) Integer capacity) {
	}

	/**
	 * What the event sells: the seats of {@code sections} (SEATED), or places drawn on
	 * {@code pools} (GENERAL_ADMISSION), at {@code priceCents} once its tiers are over.
	 */
	@Schema(name = "NewTicketType")
	record NewTicketType(@NotBlank @Size(max = 100) String name, @NotNull TicketKind kind,
			@Nullable @Size(min = 1, max = 100) List<@NotBlank String> sections,
			@Nullable @Size(min = 1, max = 5) List<@NotBlank String> pools,
			@NotNull @Min(0) @Max(100_000_000) Integer priceCents, @Nullable @Min(1) @Max(100) Integer minPerOrder,
			@Nullable @Min(1) @Max(100) Integer maxPerOrder,
			@Nullable @Size(max = 10) List<@NotNull @Valid NewTier> tiers) {
	}

	/**
	 * A price in force until {@code until} and/or for the first {@code quantity} tickets
	 * of the type sold at it; tiers follow each other in the order given.
	 */
	@Schema(name = "NewTier")
	record NewTier(@NotBlank @Size(max = 100) String name, @NotNull @Min(0) @Max(100_000_000) Integer priceCents,
			@Nullable @Min(1) @Max(1_000_000) Integer quantity, @Nullable Instant until) {
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
