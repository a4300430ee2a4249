package dev.boxoffice.platform.security;

import io.swagger.v3.oas.annotations.media.Schema;

/** What an account may do. Every account is a USER; organizers and admins have more. */
@Schema(name = "Role", enumAsRef = true)
public enum Role {

	USER, ORGANIZER, ADMIN

}
