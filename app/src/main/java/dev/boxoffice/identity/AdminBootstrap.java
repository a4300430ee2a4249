package dev.boxoffice.identity;

import java.time.Duration;
import java.util.EnumSet;

import dev.boxoffice.platform.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationArguments;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes sure the configured administrator exists and is an ADMIN, at start-up. An
 * existing account without ADMIN is promoted only if its password is the configured one:
 * registration is public, and whoever registered the address first must not become an
 * administrator by it. Otherwise start-up stops and says so.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final AdminProperties admin;

	private final UserRepository users;

	private final IdentityService identity;

	private final PasswordHasher passwords;

	AdminBootstrap(AdminProperties admin, UserRepository users, IdentityService identity, PasswordHasher passwords) {
		this.admin = admin;
		this.users = users;
		this.identity = identity;
		this.passwords = passwords;
	}

	@Override
	public void run(ApplicationArguments args) {
		String email = this.admin.email();
		String password = this.admin.password();
		if (email == null || password == null) {
			return;
		}
		String normalized = IdentityService.normalize(email);
		Mono<String> outcome = this.users.findByEmail(normalized)
			.flatMap((existing) -> existing.roles().contains(Role.ADMIN) ? Mono.just("present")
					: promote(existing, password))
			.switchIfEmpty(Mono.defer(
					() -> this.identity.create(normalized, "Administrator", password, EnumSet.of(Role.USER, Role.ADMIN))
						.thenReturn("created")
						// Another instance starting at the same moment created it first.
						.onErrorResume(DuplicateKeyException.class, (ex) -> Mono.just("present"))));
		// Start-up runs on the main thread: waiting here keeps a failure from going
		// unnoticed.
		String result = outcome.block(Duration.ofSeconds(30));
		log.info("Bootstrap administrator {}: {}", normalized, result);
	}

	private Mono<String> promote(UserAccount existing, String password) {
		return this.passwords.matches(password, existing.passwordHash()).flatMap((same) -> {
			if (!same) {
				return Mono.error(new IllegalStateException("An account " + existing.email()
						+ " exists without ADMIN and with another password than boxoffice.admin.password; "
						+ "refusing to promote it. Choose another boxoffice.admin.email, or remove that account."));
			}
			return this.identity.changeRoles(existing.id(), withAdmin(existing)).thenReturn("promoted");
		});
	}

	private static EnumSet<Role> withAdmin(UserAccount account) {
		EnumSet<Role> roles = EnumSet.copyOf(account.roles());
		roles.add(Role.ADMIN);
		return roles;
	}

}
