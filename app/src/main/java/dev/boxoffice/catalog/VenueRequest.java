package dev.boxoffice.catalog;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A venue and its layout: sections of rows of numbered seats. A row gives either
 * {@code seats} (numbered 1..n) or explicit {@code numbers}; {@code accessible} lists the
 * numbers of wheelchair-accessible seats. Seat ids are {@code <section>-<row>-<number>}.
 */
@Schema(name = "NewVenue")
record VenueRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 100) String city,
		@Nullable @Size(max = 300) String address,
		@NotEmpty @Size(max = VenueLayout.MAX_SECTIONS) List<@Valid @NotNull Section> sections) {

	@Schema(name = "NewVenueSection")
	record Section(
			@NotNull @Pattern(regexp = VenueLayout.CODE, message = "must be 1 to 8 letters or digits") String code,
			@Nullable @Size(max = 100) String name, @NotNull @Min(0) @Max(100_000_000) Integer priceCents,
			@NotEmpty @Size(max = VenueLayout.MAX_ROWS) List<@Valid @NotNull Row> rows) {
	}

	@Schema(name = "NewVenueRow")
	record Row(@NotNull @Pattern(regexp = VenueLayout.CODE, message = "must be 1 to 8 letters or digits") String label,
			@Nullable @Min(1) @Max(VenueLayout.MAX_SEATS_PER_ROW) Integer seats,
			@Nullable @Size(max = VenueLayout.MAX_SEATS_PER_ROW) List<@NotNull @Min(1) @Max(99_999) Integer> numbers,
			@Nullable List<@NotNull Integer> accessible) {
	}

}
