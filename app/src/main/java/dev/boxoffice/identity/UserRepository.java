package dev.boxoffice.identity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import dev.boxoffice.platform.security.Role;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Accounts in PostgreSQL. E-mail addresses arrive here already lower-cased. */
@Repository
class UserRepository {

	private static final String COLUMNS = "id, email, name, password_hash, roles";

	private final DatabaseClient db;

	UserRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Inserts the account; fails with DuplicateKeyException when the e-mail is taken. */
	Mono<UserAccount> insert(String email, String name, String passwordHash, Set<Role> roles) {
		return this.db.sql(
				"INSERT INTO users (email, name, password_hash, roles) VALUES (:email, :name, :hash, :roles) RETURNING "
						+ COLUMNS)
			.bind("email", email)
			.bind("name", name)
			.bind("hash", passwordHash)
			.bind("roles", names(roles))
			.map(UserRepository::read)
			.one();
	}

	Mono<UserAccount> findByEmail(String email) {
		return this.db.sql("SELECT " + COLUMNS + " FROM users WHERE email = :email")
			.bind("email", email)
			.map(UserRepository::read)
			.one();
	}

	Mono<UserAccount> findById(UUID id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
			.bind("id", id)
			.map(UserRepository::read)
			.one();
	}

	Mono<UserAccount> updatePasswordHash(UUID id, String passwordHash) {
		return this.db
			.sql("UPDATE users SET password_hash = :hash, updated_at = now() WHERE id = :id RETURNING " + COLUMNS)
			.bind("id", id)
			.bind("hash", passwordHash)
			.map(UserRepository::read)
			.one();
	}

	Mono<UserAccount> updateRoles(UUID id, Set<Role> roles) {
		return this.db.sql("UPDATE users SET roles = :roles, updated_at = now() WHERE id = :id RETURNING " + COLUMNS)
			.bind("id", id)
			.bind("roles", names(roles))
			.map(UserRepository::read)
			.one();
	}

	private static String[] names(Set<Role> roles) {
		return roles.stream().map(Role::name).sorted().toArray(String[]::new);
	}

	private static UserAccount read(Readable row) {
		String[] roles = row.get("roles", String[].class);
		Set<Role> parsed = EnumSet.noneOf(Role.class);
		Arrays.stream(roles == null ? new String[0] : roles).map(Role::valueOf).forEach(parsed::add);
		return new UserAccount(row.get("id", UUID.class), row.get("email", String.class), row.get("name", String.class),
				row.get("password_hash", String.class), parsed);
	}

}
