package dev.boxoffice.identity;

import dev.boxoffice.platform.security.CurrentUser;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account. */
@RestController
class MeController {

	private final IdentityService identity;

	MeController(IdentityService identity) {
		this.identity = identity;
	}

	@GetMapping("/api/me")
	Mono<UserView> me() {
		return CurrentUser.get().flatMap((user) -> this.identity.findUser(user.id()));
	}

}
