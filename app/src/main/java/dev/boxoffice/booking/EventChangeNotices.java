package dev.boxoffice.booking;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.boxoffice.catalog.EventChange;
import dev.boxoffice.catalog.EventChangeListener;
import dev.boxoffice.live.UserNotifications;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Tells every holder of a valid ticket when their event moves in time or place: an
 * {@code event-changed} notification with the fields changed and their old and new values
 * ({@code before.startsAt}, {@code after.startsAt}, …), after the change is committed.
 */
@Component
class EventChangeNotices implements EventChangeListener {

	static final String TYPE = "event-changed";

	/** Notifications sent at once: a large event has thousands of holders. */
	private static final int CONCURRENCY = 32;

	private final OrderRepository orders;

	private final UserNotifications notifications;

	EventChangeNotices(OrderRepository orders, UserNotifications notifications) {
		this.orders = orders;
		this.notifications = notifications;
	}

	@Override
	public Mono<Void> changed(EventChange change) {
		if (change.movingFields().isEmpty()) {
			return Mono.empty();
		}
		Map<String, String> fields = notice(change);
		return this.orders.ticketHolders(change.eventId())
			.flatMap((buyer) -> this.notifications.send(buyer, TYPE, fields), CONCURRENCY)
			.then();
	}

	static Map<String, String> notice(EventChange change) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("eventId", change.eventId().toString());
		fields.put("fields", String.join(",", change.movingFields()));
		for (String field : change.movingFields()) {
			fields.put("before." + field, String.valueOf(change.before().get(field)));
			fields.put("after." + field, String.valueOf(change.after().get(field)));
		}
		return fields;
	}

}
