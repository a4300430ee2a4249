package dev.boxoffice.identity;

import java.time.Duration;
import java.util.Map;

import dev.boxoffice.platform.web.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public keys that verify access tokens (RFC 7517), for other services and gateways.
 */
@RestController
@Tag(name = ApiTags.ACCOUNTS)
class JwksController {

	private final SigningKeys keys;

	JwksController(SigningKeys keys) {
		this.keys = keys;
	}

	@GetMapping("/.well-known/jwks.json")
	@Operation(operationId = "getSigningKeys", summary = "The public keys that verify access tokens (JWK set)")
	@ApiResponse(responseCode = "200", description = "An RFC 7517 key set; may be cached 5 minutes.",
			content = @Content(schema = @Schema(name = "JsonWebKeySet", type = "object",
					description = "`keys`: the RSA public keys (RS256), by `kid`.")))
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(this.keys.publicKeys().toJSONObject(true));
	}

}
