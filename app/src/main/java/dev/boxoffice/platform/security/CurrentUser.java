package dev.boxoffice.platform.security;

import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;

/**
 * Who is calling: the account id (the token's subject) and its roles. Features use this,
 * never the token itself.
 */
public record CurrentUser(UUID id, Set<Role> roles) {

	/** The access-token claim that lists the roles. */
	public static final String ROLES_CLAIM = "roles";

	/** The caller of the current request; empty for anonymous requests. */
	public static Mono<CurrentUser> get() {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.flatMap((authentication) -> {
				try {
					return Mono.just(of(authentication));
				}
				catch (IllegalArgumentException notAnAccount) {
					return Mono.empty();
				}
			});
	}

	static CurrentUser of(Authentication authentication) {
		// A role this version does not know (a token from a newer one) grants nothing
		// here.
		Set<Role> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority != null && authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring("ROLE_".length()))
			.flatMap((name) -> Arrays.stream(Role.values()).filter((role) -> role.name().equals(name)))
			.collect(Collectors.toUnmodifiableSet());
		return new CurrentUser(UUID.fromString(authentication.getName()), roles);
	}

	public boolean hasRole(Role role) {
		return this.roles.contains(role);
	}

	public boolean isAdmin() {
		return hasRole(Role.ADMIN);
	}

}
