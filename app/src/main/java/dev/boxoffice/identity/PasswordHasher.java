package dev.boxoffice.identity;

import java.util.Base64;

import dev.boxoffice.platform.Sha256;
import reactor.core.publisher.Mono;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * BCrypt, on the {@link CryptoWork} scheduler: hashing costs tens of milliseconds of CPU.
 * <p>
 * The password is first reduced with SHA-256, so passwords of any length are accepted
 * (BCrypt itself reads at most 72 bytes).
 */
@Component
class PasswordHasher {

	private final BCryptPasswordEncoder bcrypt;

	private final CryptoWork work;

	/** Compared against when the account does not exist, so both cases cost the same. */
	private final String decoy;

	PasswordHasher(PasswordProperties properties, CryptoWork work) {
		this.bcrypt = new BCryptPasswordEncoder(properties.strength());
		this.work = work;
		this.decoy = this.bcrypt.encode(prehash("decoy password"));
	}

	Mono<String> hash(String password) {
		return this.work.run(() -> this.bcrypt.encode(prehash(password)));
	}

	Mono<Boolean> matches(String password, String hash) {
		return this.work.run(() -> this.bcrypt.matches(prehash(password), hash));
	}

	/** Spends the time a real comparison would, and answers false. */
	Mono<Boolean> matchesNothing(String password) {
		return matches(password, this.decoy).map((ignored) -> false);
	}

	private static String prehash(String password) {
		return Base64.getEncoder().encodeToString(Sha256.of(password));
	}

}
