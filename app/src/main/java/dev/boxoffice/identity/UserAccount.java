package dev.boxoffice.identity;

import java.util.Set;
import java.util.UUID;

import dev.boxoffice.platform.security.Role;

/** An account as stored; the password hash never leaves this package. */
record UserAccount(UUID id, String email, String name, String passwordHash, Set<Role> roles) {

	UserView view() {
		return new UserView(this.id, this.email, this.name, this.roles);
	}

}
