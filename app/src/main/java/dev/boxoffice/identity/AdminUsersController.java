package dev.boxoffice.identity;

import java.util.UUID;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Account administration; the whole of {@code /api/admin/**} is ADMIN only. */
@RestController
class AdminUsersController {

	private final IdentityService identity;

	AdminUsersController(IdentityService identity) {
		this.identity = identity;
	}

	/** Replaces the roles (USER is always kept); the account's current access tokens stop working. */
	@PutMapping("/api/admin/users/{id}/roles")
	Mono<UserView> changeRoles(@PathVariable UUID id, @Valid @RequestBody AuthRequests.Roles request) {
		return this.identity.changeRoles(id, request.roles());
	}

}
