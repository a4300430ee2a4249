package dev.boxoffice.identity;

import java.net.URI;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Public endpoints that create accounts and sessions. */
@RestController
@RequestMapping("/api/auth")
class AuthController {

	private final IdentityService identity;

	AuthController(IdentityService identity) {
		this.identity = identity;
	}

	@PostMapping("/register")
	Mono<ResponseEntity<UserView>> register(@Valid @RequestBody AuthRequests.Register request) {
		return this.identity.register(request.email(), request.name(), request.password())
			.map((user) -> ResponseEntity.created(URI.create("/api/me")).body(user));
	}

	@PostMapping("/login")
	Mono<TokenPair> login(@Valid @RequestBody AuthRequests.Login request) {
		return this.identity.login(request.email(), request.password());
	}

	@PostMapping("/refresh")
	Mono<TokenPair> refresh(@Valid @RequestBody AuthRequests.Refresh request) {
		return this.identity.refresh(request.refreshToken());
	}

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> logout(@Valid @RequestBody AuthRequests.Logout request,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		String accessToken = (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
				? authorization.substring(7).strip() : null;
		return this.identity.logout(request.refreshToken(), accessToken);
	}

}
