package dev.boxoffice.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin access for browser clients served from other origins.
 *
 * @param allowedOrigins origins allowed to call the API (e.g.
 * {@code https://tickets.example}); empty turns CORS off
 */
@ConfigurationProperties("boxoffice.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {

}
