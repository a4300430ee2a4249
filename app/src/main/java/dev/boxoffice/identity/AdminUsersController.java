package dev.boxoffice.identity;

import java.util.UUID;

import dev.boxoffice.platform.web.ApiTags;
import dev.boxoffice.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Account administration; the whole of {@code /api/admin/**} is ADMIN only. */
@RestController
@Tag(name = ApiTags.ACCOUNTS)
class AdminUsersController {

	private final IdentityService identity;

	AdminUsersController(IdentityService identity) {
		this.identity = identity;
	}

	/**
	 * Replaces the roles (USER is always kept); the account's current access tokens stop
	 * working.
	 */
	@PutMapping("/api/admin/users/{id}/roles")
	@Operation(operationId = "changeRoles", summary = "Set an account's roles (ADMIN only)",
			description = "USER is always kept. The account's access tokens stop working: "
					+ "it logs in again to use its new roles.")
	@ApiResponse(responseCode = "200", description = "The account with its new roles.")
	@ProblemResponse(status = 403, type = "forbidden", when = "the caller is not an ADMIN")
	@ProblemResponse(status = 404, type = "user-not-found", when = "there is no such account")
	Mono<UserView> changeRoles(@PathVariable UUID id, @Valid @RequestBody AuthRequests.Roles request) {
		return this.identity.changeRoles(id, request.roles());
	}

}
