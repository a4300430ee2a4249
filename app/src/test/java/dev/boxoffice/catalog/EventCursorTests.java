package dev.boxoffice.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.platform.error.ApiException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The cursor of event search: it finds its page again, and nothing else passes for one.
 */
@Tag("unit")
class EventCursorTests {

	private static final UUID EVENT = UUID.fromString("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b");

	@Test
	void aCursorDecodesToThePositionItWasMadeFrom() {
		for (Instant startsAt : List.of(Instant.parse("2031-05-04T19:30:00Z"),
				Instant.parse("2031-05-04T19:30:00.123456789Z"), Instant.EPOCH, EventQuery.LATEST)) {
			EventCursor cursor = new EventCursor(startsAt, EVENT);
			assertThat(EventCursor.decode(cursor.encode())).isEqualTo(cursor);
		}
	}

	@Test
	void aCursorNeedsNoEscapingInAQuery() {
		assertThat(new EventCursor(Instant.parse("2031-05-04T19:30:00.5Z"), EVENT).encode()).matches("[A-Za-z0-9_-]+");
	}

	@Test
	void textThatIsNotACursorIsAValidationProblemNamingIt() {
		for (String bad : new String[] { "", "not-a-cursor", "!!!", base64("hello"), base64("1956000000"),
				base64("1956000000.0"), base64("1956000000.0."), base64("1956000000.0.not-an-id"),
				base64("x.0." + EVENT), base64("1956000000.y." + EVENT), base64("1956000000.0." + EVENT + ".1"),
				base64("2031-05-04T19:30:00Z|" + EVENT) }) {
			assertNamesTheCursor(bad);
		}
	}

	@Test
	void timesNoEventCanHaveAreNotACursor() {
		// Events are searched within what PostgreSQL stores: 1970 to 9999.
		long latest = EventQuery.LATEST.getEpochSecond();
		for (String raw : new String[] { "-1.0", "0.-1", (latest + 1) + ".0", latest + ".1", Long.MAX_VALUE + ".0",
				Long.MIN_VALUE + ".0" }) {
			assertNamesTheCursor(base64(raw + "." + EVENT));
		}
	}

	@Test
	void noAlterationOfACursorFailsOtherwiseThanAsAValidationProblem() {
		String cursor = new EventCursor(Instant.parse("2031-05-04T19:30:00.123456Z"), EVENT).encode();
		for (int i = 0; i < cursor.length(); i++) {
			for (char replacement : "AMz09-_=.".toCharArray()) {
				String altered = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
				try {
					EventCursor.decode(altered);
				}
				catch (ApiException ex) {
					assertThat(ex.status()).as(altered).isEqualTo(HttpStatus.BAD_REQUEST);
				}
			}
		}
	}

	private static void assertNamesTheCursor(String cursor) {
		ApiException problem = catchThrowableOfType(ApiException.class, () -> EventCursor.decode(cursor));
		assertThat(problem).as(cursor).isNotNull();
		assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(problem.problem().getType().toString()).isEqualTo("urn:boxoffice:problem:validation");
		assertThat(problem.problem().getProperties()).extractingByKey("errors")
			.isEqualTo(List.of(Map.of("field", "cursor", "message", "is not a cursor this service gave out")));
	}

	private static String base64(String raw) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

}
