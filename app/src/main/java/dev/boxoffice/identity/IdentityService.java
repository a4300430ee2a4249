package dev.boxoffice.identity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.boxoffice.identity.RefreshTokens.Issued;
import dev.boxoffice.platform.error.RequestProblems;
import dev.boxoffice.platform.error.RequestProblems.FieldProblem;
import dev.boxoffice.platform.security.Role;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Service;

/** Accounts and sessions: register, log in, refresh, log out, change roles. */
@Service
public class IdentityService {

	private final UserRepository users;

	private final PasswordHasher passwords;

	private final AccessTokens accessTokens;

	private final RefreshTokens refreshTokens;

	private final TokenRevocations revocations;

	private final ReactiveJwtDecoder accessTokenDecoder;

	private final PasswordPolicy passwordPolicy;

	IdentityService(UserRepository users, PasswordHasher passwords, AccessTokens accessTokens,
			RefreshTokens refreshTokens, TokenRevocations revocations, ReactiveJwtDecoder accessTokenDecoder,
			PasswordPolicy passwordPolicy) {
		this.accessTokenDecoder = accessTokenDecoder;
		this.passwordPolicy = passwordPolicy;
		this.users = users;
		this.passwords = passwords;
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.revocations = revocations;
	}

	/**
	 * A new USER account; 409 {@code email-taken} if the address is in use, a 400 if the
	 * address could pass for another one or the password is blank or common.
	 */
	public Mono<UserView> register(String email, String name, String password) {
		return Mono.defer(() -> {
			List<FieldProblem> problems = new ArrayList<>();
			String emailProblem = EmailAddresses.problemWith(EmailAddresses.normalize(email));
			if (emailProblem != null) {
				problems.add(new FieldProblem("email", emailProblem));
			}
			String passwordProblem = this.passwordPolicy.problemWith(password);
			if (passwordProblem != null) {
				problems.add(new FieldProblem("password", passwordProblem));
			}
			return problems.isEmpty() ? create(email, name, password, EnumSet.of(Role.USER))
				.onErrorMap(DuplicateKeyException.class, (taken) -> IdentityExceptions.emailTaken())
				.map(UserAccount::view) : Mono.error(RequestProblems.invalid(problems));
		});
	}

	/** Fails with {@link DuplicateKeyException} when the address is taken. */
	Mono<UserAccount> create(String email, String name, String password, Set<Role> roles) {
		return this.passwords.hash(password)
			.flatMap((hash) -> this.users.insert(normalize(email), name.strip(), hash, roles));
	}

	/**
	 * The account with this e-mail address, created with the given roles and password if
	 * it does not exist yet (an existing one is left as it is). Safe to call from several
	 * instances at once.
	 */
	public Mono<UserView> ensureAccount(String email, String name, String password, Set<Role> roles) {
		String normalized = normalize(email);
		return this.users.findByEmail(normalized)
			.switchIfEmpty(Mono.defer(() -> create(normalized, name, password, roles)
				.onErrorResume(DuplicateKeyException.class, (raced) -> this.users.findByEmail(normalized))))
			.map(UserAccount::view);
	}

	/**
	 * The same, and the account's password is {@code password} even if it existed with
	 * another: for accounts whose password is configured (the development run's demo
	 * logins).
	 */
	public Mono<UserView> ensureAccountWithPassword(String email, String name, String password, Set<Role> roles) {
		return ensureAccount(email, name, password, roles)
			.flatMap((account) -> this.passwords.hash(password)
				.flatMap((hash) -> this.users.updatePasswordHash(account.id(), hash)))
			.map(UserAccount::view);
	}

	/**
	 * A new session for the account; the same failure whether the e-mail or the password
	 * is wrong.
	 */
	public Mono<TokenPair> login(String email, String password) {
		return this.users.findByEmail(normalize(email))
			.flatMap((user) -> this.passwords.matches(password, user.passwordHash())
				.flatMap((ok) -> ok ? Mono.just(user) : Mono.error(IdentityExceptions.invalidCredentials())))
			// Unknown address: spend a hash's time anyway, so timing does not tell.
			.switchIfEmpty(Mono.defer(() -> this.passwords.matchesNothing(password)
				.then(Mono.error(IdentityExceptions.invalidCredentials()))))
			.flatMap((user) -> this.refreshTokens.start(user.id()).flatMap((refresh) -> pair(user, refresh)));
	}

	/**
	 * Trades a refresh token for a new pair. A token presented a second time revokes its
	 * session: every refresh token and access token of that login stops working.
	 */
	public Mono<TokenPair> refresh(String refreshToken) {
		return this.refreshTokens.rotate(refreshToken)
			.onErrorResume(RefreshTokenReusedException.class,
					(reused) -> endSession(reused.familyId())
						.then(Mono.error(IdentityExceptions.invalidRefreshToken())))
			.flatMap((rotated) -> this.users.findById(rotated.userId())
				.switchIfEmpty(Mono.error(IdentityExceptions::invalidRefreshToken))
				.flatMap((user) -> pair(user, rotated.next())));
	}

	/**
	 * Ends the session of {@code refreshToken}, which stops its access tokens too, and
	 * the access token presented with the logout if it is still valid. Unknown tokens are
	 * ignored: logging out twice is not an error.
	 */
	public Mono<Void> logout(String refreshToken, @Nullable String accessToken) {
		Mono<Void> session = this.refreshTokens.revokeFamilyOf(refreshToken).flatMap(this::endSession);
		Mono<Void> token = (accessToken == null) ? Mono.empty()
				: this.accessTokenDecoder.decode(accessToken)
					.onErrorResume(JwtException.class, (invalid) -> Mono.empty())
					.filter((jwt) -> jwt.getId() != null && jwt.getExpiresAt() != null)
					.flatMap((jwt) -> this.revocations.revokeToken(jwt.getId(), jwt.getExpiresAt()));
		return session.then(token);
	}

	public Mono<UserView> findUser(UUID id) {
		return this.users.findById(id)
			.map(UserAccount::view)
			.switchIfEmpty(Mono.error(IdentityExceptions::userNotFound));
	}

	/** Replaces the account's roles; its access tokens issued so far stop working. */
	public Mono<UserView> changeRoles(UUID id, Set<Role> roles) {
		Set<Role> granted = EnumSet.copyOf(roles);
		granted.add(Role.USER);
		return this.users.updateRoles(id, granted)
			.switchIfEmpty(Mono.error(IdentityExceptions::userNotFound))
			.flatMap((user) -> this.revocations.revokeIssuedBefore(id).thenReturn(user.view()));
	}

	private Mono<Void> endSession(UUID familyId) {
		return this.refreshTokens.revokeFamily(familyId).then(this.revocations.revokeFamily(familyId));
	}

	private Mono<TokenPair> pair(UserAccount user, Issued refresh) {
		return this.accessTokens.issue(user, refresh.familyId())
			.map((access) -> new TokenPair(access, refresh.token(), "Bearer", this.accessTokens.ttlSeconds()));
	}

	static String normalize(String email) {
		return EmailAddresses.normalize(email);
	}

}
