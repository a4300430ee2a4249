package dev.boxoffice.identity;

import dev.boxoffice.platform.security.CurrentUser;
import dev.boxoffice.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account. */
@RestController
@Tag(name = ApiTags.ACCOUNTS)
class MeController {

	private final IdentityService identity;

	MeController(IdentityService identity) {
		this.identity = identity;
	}

	@GetMapping("/api/me")
	@Operation(operationId = "getMyAccount", summary = "Your account, with its roles")
	@ApiResponse(responseCode = "200", description = "The account of the access token.")
	Mono<UserView> me() {
		return CurrentUser.get().flatMap((user) -> this.identity.findUser(user.id()));
	}

}
