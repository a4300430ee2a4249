package dev.boxoffice.identity;

import java.util.UUID;

/**
 * A refresh token came back after it had been used or revoked: its family is compromised.
 */
class RefreshTokenReusedException extends RuntimeException {

	private final UUID familyId;

	RefreshTokenReusedException(UUID familyId) {
		super("refresh token reused", null, false, false);
		this.familyId = familyId;
	}

	UUID familyId() {
		return this.familyId;
	}

}
