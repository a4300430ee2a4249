package dev.boxoffice.identity;

import java.net.URI;

import dev.boxoffice.platform.web.ApiTags;
import dev.boxoffice.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = ApiTags.ACCOUNTS)
class AuthController {

	private final IdentityService identity;

	AuthController(IdentityService identity) {
		this.identity = identity;
	}

	@PostMapping("/register")
	@Operation(operationId = "register", summary = "Create an account (role USER)",
			description = "The e-mail address is normalised before it is stored (see docs/api.md).")
	@ApiResponse(responseCode = "201", description = "Created; `Location` is `/api/me`.")
	@ProblemResponse(status = 400, type = "validation",
			when = "a field breaks the rules: an address that is "
					+ "malformed or could pass for another, a common or blank password, a name out of bounds")
	@ProblemResponse(status = 409, type = "email-taken", when = "an account has this address")
	Mono<ResponseEntity<UserView>> register(@Valid @RequestBody AuthRequests.Register request) {
		return this.identity.register(request.email(), request.name(), request.password())
			.map((user) -> ResponseEntity.created(URI.create("/api/me")).body(user));
	}

	@PostMapping("/login")
	@Operation(operationId = "logIn", summary = "Log in: trade e-mail and password for a pair of tokens")
	@ApiResponse(responseCode = "200", description = "A new session: its access and refresh tokens.")
	@ProblemResponse(status = 401, type = "invalid-credentials", when = "the e-mail or the password is wrong")
	Mono<TokenPair> login(@Valid @RequestBody AuthRequests.Login request) {
		return this.identity.login(request.email(), request.password());
	}

	@PostMapping("/refresh")
	@Operation(operationId = "refreshTokens", summary = "Trade a refresh token for a new pair",
			description = "The refresh token sent is used up. One sent twice is taken as stolen: "
					+ "its whole session is revoked.")
	@ApiResponse(responseCode = "200", description = "The session's new access and refresh tokens.")
	@ProblemResponse(status = 401, type = "invalid-refresh-token",
			when = "the refresh token is unknown, expired, used or revoked")
	Mono<TokenPair> refresh(@Valid @RequestBody AuthRequests.Refresh request) {
		return this.identity.refresh(request.refreshToken());
	}

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "logOut", summary = "End the session of a refresh token",
			description = "Its refresh token and access tokens stop working on every instance; an access token "
					+ "sent along as `Authorization: Bearer` is revoked too. An unknown token is no error.")
	@ApiResponse(responseCode = "204", description = "The session is over.")
	Mono<Void> logout(@Valid @RequestBody AuthRequests.Logout request,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION,
					required = false) @Nullable String authorization) {
		String accessToken = (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
				? authorization.substring(7).strip() : null;
		return this.identity.logout(request.refreshToken(), accessToken);
	}

}
