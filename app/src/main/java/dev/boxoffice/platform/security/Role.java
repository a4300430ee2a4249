package dev.boxoffice.platform.security;

/** What an account may do. Every account is a USER; organizers and admins have more. */
public enum Role {

	USER, ORGANIZER, ADMIN

}
