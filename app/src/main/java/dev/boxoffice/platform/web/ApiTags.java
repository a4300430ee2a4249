package dev.boxoffice.platform.web;

import java.util.List;

import io.swagger.v3.oas.models.tags.Tag;

/**
 * The groups of the API description, by what a client does, in the order it lists them.
 * Controllers name theirs with {@code @Tag(name = ApiTags.HOLDS)}.
 */
public final class ApiTags {

	public static final String ACCOUNTS = "Accounts";

	public static final String CATALOG = "Venues and events";

	public static final String SEATS = "Seats";

	public static final String HOLDS = "Holds";

	public static final String ORDERS = "Orders";

	public static final String WAITLIST = "Waitlist";

	public static final String LIVE = "Live";

	public static final String ANALYTICS = "Analytics";

	public static final String OPERATIONS = "Operations";

	private ApiTags() {
	}

	static List<Tag> described() {
		return List.of(
				tag(ACCOUNTS,
						"Registration, sessions (access and refresh tokens), your account, roles, "
								+ "and the keys that verify access tokens."),
				tag(CATALOG,
						"Venues with their seat layouts, events: search and read them (public), "
								+ "create, publish, change and cancel them (organizers, their own)."),
				tag(SEATS, "Every seat of an event with its price and status (AVAILABLE, HELD, SOLD)."),
				tag(HOLDS, "Seats held for a buyer for a few minutes, all or none, before they are bought."),
				tag(ORDERS, "Buying a hold (once per Idempotency-Key), your orders and tickets, cancellation."),
				tag(WAITLIST,
						"The line of buyers waiting for seats of an event that are not free: join, "
								+ "your place, leave; the organizer's list and priority tier."),
				tag(LIVE, "Server-Sent Events: an event's seats as they change, and your own notifications."),
				tag(ANALYTICS,
						"An event's sales figures for its organizer: over a time range, and live during a sale."),
				tag(OPERATIONS, "What organizers and operators check: the audit of an event's invariants."));
	}

	private static Tag tag(String name, String description) {
		return new Tag().name(name).description(description);
	}

}
