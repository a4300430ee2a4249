package dev.boxoffice.platform.security;

import java.util.List;
import java.util.UUID;

import dev.boxoffice.platform.error.ApiException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class AccessRulesTests {

	final UUID owner = UUID.randomUUID();

	@Test
	void ownerOrAdminLetsTheOwnerIn() {
		AccessRules.ownerOrAdmin(this.owner)
			.contextWrite(ReactiveSecurityContextHolder.withAuthentication(caller(this.owner, "ROLE_USER")))
			.as(StepVerifier::create)
			.assertNext((user) -> assertThat(user.id()).isEqualTo(this.owner))
			.verifyComplete();
	}

	@Test
	void ownerOrAdminLetsAnAdminIn() {
		AccessRules.ownerOrAdmin(this.owner)
			.contextWrite(ReactiveSecurityContextHolder.withAuthentication(caller(UUID.randomUUID(), "ROLE_ADMIN")))
			.as(StepVerifier::create)
			.assertNext((user) -> assertThat(user.isAdmin()).isTrue())
			.verifyComplete();
	}

	@Test
	void ownerOrAdminRefusesOthersWith403() {
		AccessRules.ownerOrAdmin(this.owner)
			.contextWrite(ReactiveSecurityContextHolder.withAuthentication(caller(UUID.randomUUID(), "ROLE_ORGANIZER")))
			.as(StepVerifier::create)
			.verifyError(AccessDeniedException.class);
	}

	@Test
	void ownOnlyHidesOthersResourcesEvenFromAdmins() {
		AccessRules.ownOnly(this.owner, "hold")
			.contextWrite(ReactiveSecurityContextHolder.withAuthentication(caller(UUID.randomUUID(), "ROLE_ADMIN")))
			.as(StepVerifier::create)
			.verifyErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ApiException.class)
				.satisfies((api) -> assertThat(((ApiException) api).status().value()).isEqualTo(404))
				.hasMessage("There is no such hold."));
	}

	@Test
	void anonymousCallersAreRefused() {
		AccessRules.ownerOrAdmin(this.owner).as(StepVerifier::create).verifyError(AccessDeniedException.class);
		StepVerifier.create(CurrentUser.get()).verifyComplete();
	}

	@Test
	void currentUserReadsIdAndRolesFromTheAuthentication() {
		Mono<CurrentUser> user = CurrentUser.get()
			.contextWrite(ReactiveSecurityContextHolder
				.withAuthentication(caller(this.owner, "ROLE_USER", "ROLE_ORGANIZER")));
		StepVerifier.create(user)
			.assertNext((current) -> assertThat(current.roles()).containsExactlyInAnyOrder(Role.USER, Role.ORGANIZER))
			.verifyComplete();
	}

	private static TestingAuthenticationToken caller(UUID id, String... authorities) {
		TestingAuthenticationToken token = new TestingAuthenticationToken(id.toString(), "n/a",
				List.of(authorities)
					.stream()
					.map(org.springframework.security.core.authority.SimpleGrantedAuthority::new)
					.toList());
		token.setAuthenticated(true);
		return token;
	}

}
