package dev.boxoffice.platform.security;

import java.util.UUID;

import dev.boxoffice.platform.error.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;

/**
 * The two ownership rules features reuse.
 * <ul>
 * <li><b>owner or ADMIN</b> ({@link #ownerOrAdmin}): others get 403 — for things whose
 * existence is public, such as a published event.</li>
 * <li><b>own resource only</b> ({@link #ownOnly}): others (admins included) get 404, as
 * if it did not exist — for holds, orders and tickets, and organizers' drafts.</li>
 * </ul>
 */
public final class AccessRules {

	private AccessRules() {
	}

	/** The caller, if it owns the resource or is an ADMIN; a 403 otherwise. */
	public static Mono<CurrentUser> ownerOrAdmin(UUID ownerId) {
		return CurrentUser.get()
			.filter((user) -> user.id().equals(ownerId) || user.isAdmin())
			.switchIfEmpty(Mono.error(() -> new AccessDeniedException("not the owner")));
	}

	/** The caller, if it owns the resource; a 404 naming {@code what} otherwise. */
	public static Mono<CurrentUser> ownOnly(UUID ownerId, String what) {
		return CurrentUser.get()
			.filter((user) -> user.id().equals(ownerId))
			.switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found", "Not found",
					"There is no such " + what + ".")));
	}

}
