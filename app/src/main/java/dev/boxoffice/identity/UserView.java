package dev.boxoffice.identity;

import java.util.Set;
import java.util.UUID;

import dev.boxoffice.platform.security.Role;

/** An account as the API shows it. */
public record UserView(UUID id, String email, String name, Set<Role> roles) {

}
