package dev.boxoffice.identity;

import java.util.Set;

import dev.boxoffice.platform.security.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the identity endpoints. */
final class AuthRequests {

	private AuthRequests() {
	}

	/**
	 * The address is normalised as it is read, so the rules apply to what would be
	 * stored.
	 */
	@Schema(name = "Registration")
	record Register(@NotBlank @Email @Size(max = 254) String email,
			@NotNull @Size(min = 8, max = 128, message = "must be between 8 and 128 characters") String password,
			@NotBlank @Size(max = 100) String name) {

		Register {
			email = (email != null) ? EmailAddresses.normalize(email) : null;
		}

	}

	@Schema(name = "Credentials")
	record Login(@NotBlank String email, @NotBlank String password) {
	}

	@Schema(name = "RefreshRequest")
	record Refresh(@NotBlank String refreshToken) {
	}

	@Schema(name = "LogoutRequest")
	record Logout(@NotBlank String refreshToken) {
	}

	@Schema(name = "RoleChange")
	record Roles(@NotEmpty Set<@NotNull Role> roles) {
	}

}
