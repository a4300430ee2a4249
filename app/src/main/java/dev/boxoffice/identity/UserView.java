package dev.boxoffice.identity;

import java.util.Set;
import java.util.UUID;

import dev.boxoffice.platform.security.Role;
import io.swagger.v3.oas.annotations.media.Schema;

/** An account as the API shows it. */
@Schema(name = "Account")
public record UserView(UUID id, String email, String name, Set<Role> roles) {

}
