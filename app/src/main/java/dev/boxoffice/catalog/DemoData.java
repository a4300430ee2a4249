package dev.boxoffice.catalog;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.boxoffice.identity.IdentityService;
import dev.boxoffice.platform.security.Role;
import dev.boxoffice.identity.UserView;
import dev.boxoffice.platform.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Seeds a demo organizer, its venue and three events on sale, so that a newcomer can
 * browse, hold and buy at once. Runs at start-up when
 * {@code boxoffice.demo-data.enabled}, in one transaction under an advisory lock; does
 * nothing if the organizer already has its venue (so restarts, and instances starting
 * together, add nothing).
 */
@Component
@ConditionalOnBooleanProperty(name = "boxoffice.demo-data.enabled", matchIfMissing = true)
class DemoData implements ApplicationRunner {

	static final String ORGANIZER_EMAIL = "organizer@demo.example";

	static final String BUYER_EMAIL = "buyer@demo.example";

	static final String VENUE_NAME = "Boxoffice Demo Hall";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final IdentityService identity;

	private final VenueService venues;

	private final EventCatalog catalog;

	private final DatabaseClient db;

	private final Clock clock;

	private final TransactionalOperator transactional;

	private final DemoDataProperties properties;

	DemoData(IdentityService identity, VenueService venues, EventCatalog catalog, DatabaseClient db, Clock clock,
			TransactionalOperator transactional, DemoDataProperties properties) {
		this.properties = properties;
		this.transactional = transactional;
		this.identity = identity;
		this.venues = venues;
		this.catalog = catalog;
		this.db = db;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		// Start-up runs on the main thread: waiting here keeps a failure from going
		// unnoticed.
		// One transaction, under a lock: all of it or none, and one instance at a time.
		String password = this.properties.loginPassword();
		Long created = lock().then(organizer(password))
			.flatMap((organizer) -> hasVenue(organizer.id()).flatMap(
					(exists) -> exists ? Mono.just(0L) : seed(new CurrentUser(organizer.id(), Set.of(Role.ORGANIZER)))))
			.flatMap((events) -> (password == null) ? Mono.just(events)
					: this.identity
						.ensureAccountWithPassword(BUYER_EMAIL, "Demo Buyer", password, EnumSet.of(Role.USER))
						.thenReturn(events))
			.as(this.transactional::transactional)
			.block(Duration.ofMinutes(1));
		if (created != null && created > 0) {
			log.info("Demo data: created '{}' and {} events on sale (organizer {})", VENUE_NAME, created,
					ORGANIZER_EMAIL);
		}
		if (password != null) {
			log.info("Demo logins (boxoffice.demo-data.login-password): organizer {} and buyer {}, password '{}'",
					ORGANIZER_EMAIL, BUYER_EMAIL, password);
		}
	}

	/**
	 * The organizer: with the configured password, or one that is random and kept
	 * nowhere.
	 */
	private Mono<UserView> organizer(@Nullable String password) {
		EnumSet<Role> roles = EnumSet.of(Role.USER, Role.ORGANIZER);
		return (password != null)
				? this.identity.ensureAccountWithPassword(ORGANIZER_EMAIL, "Demo Organizer", password, roles)
				: this.identity.ensureAccount(ORGANIZER_EMAIL, "Demo Organizer", unguessablePassword(), roles);
	}

	private Mono<Void> lock() {
		return this.db.sql("SELECT pg_advisory_xact_lock(hashtext('boxoffice-demo-data'))").then();
	}

	private Mono<Boolean> hasVenue(UUID organizerId) {
		return this.db.sql("SELECT count(*) AS venues FROM venues WHERE organizer_id = :organizer AND name = :name")
			.bind("organizer", organizerId)
			.bind("name", VENUE_NAME)
			.map((row) -> row.get("venues", Long.class))
			.one()
			.map((count) -> count > 0);
	}

	private Mono<Long> seed(CurrentUser organizer) {
		Instant evening = this.clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(19));
		return this.venues.create(organizer, venue())
			.flatMapMany((venue) -> Flux.just(
					event(venue.id(), "Midnight Strings", "music", "A string quartet plays film scores by candlelight.",
							evening.plus(Duration.ofDays(7))),
					event(venue.id(), "The Comedy Hour", "comedy", "Five comedians, one hour, no safety net.",
							evening.plus(Duration.ofDays(14))),
					event(venue.id(), "Jazz at the Hall", "music", "A big band night with guest soloists.",
							evening.plus(Duration.ofDays(30)))))
			.concatMap((request) -> this.catalog.create(organizer, request))
			.concatMap((event) -> this.catalog.publish(event.id()))
			.count()
			.contextWrite(
					ReactiveSecurityContextHolder.withAuthentication(UsernamePasswordAuthenticationToken.authenticated(
							organizer.id().toString(), null, List.of(new SimpleGrantedAuthority("ROLE_ORGANIZER")))));
	}

	private static VenueRequest venue() {
		return new VenueRequest(VENUE_NAME, "Lyon", "1 Place des Terreaux",
				List.of(section("A", "Stalls", 6500, 20, 40, List.of(1, 2, 39, 40)),
						section("B", "Circle", 4500, 15, 50, List.of()),
						section("C", "Balcony", 2500, 25, 60, List.of())));
	}

	private static VenueRequest.Section section(String code, String name, int price, int rows, int seatsPerRow,
			List<Integer> accessibleInFirstRow) {
		List<VenueRequest.Row> layout = IntStream.rangeClosed(1, rows)
			.mapToObj((row) -> new VenueRequest.Row(Integer.toString(row), seatsPerRow, null,
					row == 1 ? accessibleInFirstRow : List.of()))
			.toList();
		return new VenueRequest.Section(code, name, price, layout);
	}

	private static EventRequests.Create event(UUID venueId, String title, String category, String description,
			Instant startsAt) {
		return new EventRequests.Create(venueId, title, description, category, startsAt,
				startsAt.plus(Duration.ofHours(2)), "EUR", null, null, null);
	}

	/** Without a configured password, nobody signs in as the demo organizer. */
	private static String unguessablePassword() {
		byte[] secret = new byte[24];
		new SecureRandom().nextBytes(secret);
		return Base64.getEncoder().encodeToString(secret);
	}

}
