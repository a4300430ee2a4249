package dev.boxoffice.hold;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Tickets of one type in a hold at one price: of the tier {@code tierId} (none: the
 * type's own price). A seated type's tickets are its seats in the hold; a
 * general-admission type's are places.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "HeldItem")
public record HeldItem(UUID ticketTypeId, @Nullable UUID tierId, int quantity, int priceCents, boolean seated) {

	String encode() {
		return this.ticketTypeId + "|" + ((this.tierId != null) ? this.tierId : "-") + "|" + this.quantity + "|"
				+ this.priceCents + "|" + (this.seated ? "S" : "G");
	}

	static HeldItem decode(String text) {
		String[] parts = text.split("\\|");
		return new HeldItem(UUID.fromString(parts[0]), "-".equals(parts[1]) ? null : UUID.fromString(parts[1]),
				Integer.parseInt(parts[2]), Integer.parseInt(parts[3]), "S".equals(parts[4]));
	}

}
