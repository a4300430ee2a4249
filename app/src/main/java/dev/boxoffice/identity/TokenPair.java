package dev.boxoffice.identity;

/**
 * What login and refresh return. {@code expiresIn} is the access token's life in seconds.
 */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {

}
