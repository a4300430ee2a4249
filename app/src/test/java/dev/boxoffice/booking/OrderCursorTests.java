package dev.boxoffice.booking;

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
 * The cursor of a buyer's order list: it finds its page again, and nothing else passes
 * for one.
 */
@Tag("unit")
class OrderCursorTests {

	private static final UUID ORDER = UUID.fromString("5d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a");

	@Test
	void aCursorDecodesToTheOrderItWasMadeFrom() {
		// PostgreSQL keeps microseconds; any precision comes back as it went.
		for (Instant createdAt : List.of(Instant.parse("2030-03-01T12:00:00Z"),
				Instant.parse("2030-03-01T12:00:00.123456Z"), Instant.parse("2030-03-01T12:00:00.123456789Z"))) {
			OrderCursor cursor = new OrderCursor(createdAt, ORDER);
			assertThat(OrderCursor.decode(cursor.encode())).isEqualTo(cursor);
		}
	}

	@Test
	void aCursorNeedsNoEscapingInAQuery() {
		assertThat(new OrderCursor(Instant.parse("2030-03-01T12:00:00.5Z"), ORDER).encode()).matches("[A-Za-z0-9_-]+");
	}

	@Test
	void textThatIsNotACursorIsAValidationProblemNamingIt() {
		for (String bad : new String[] { "", "not-a-cursor", "!!!", base64("hello"), base64("2030-03-01T12:00:00Z"),
				base64("2030-03-01T12:00:00Z|"), base64("2030-03-01T12:00:00Z|not-an-id"), base64("yesterday|" + ORDER),
				base64(ORDER + "|2030-03-01T12:00:00Z"), base64("1900000000.0." + ORDER) }) {
			assertNamesTheCursor(bad);
		}
	}

	@Test
	void timesNoOrderCanHaveAreNotACursor() {
		// No order was placed before 1970 or after 9999. Some such times PostgreSQL
		// cannot even
		// compare: the list would fail (500) instead of answering 400.
		for (String time : new String[] { "-5000-01-01T00:00:00Z", "+300000-01-01T00:00:00Z",
				"-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59Z",
				"+10000-01-01T00:00:00Z" }) {
			assertNamesTheCursor(base64(time + "|" + ORDER));
		}
	}

	@Test
	void noAlterationOfACursorFailsOtherwiseThanAsAValidationProblem() {
		String cursor = new OrderCursor(Instant.parse("2030-03-01T12:00:00.123456Z"), ORDER).encode();
		for (int i = 0; i < cursor.length(); i++) {
			for (char replacement : "AMz09-_=.".toCharArray()) {
				String altered = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
				try {
					OrderCursor.decode(altered);
				}
				catch (ApiException ex) {
					assertThat(ex.status()).as(altered).isEqualTo(HttpStatus.BAD_REQUEST);
				}
			}
		}
	}

	private static void assertNamesTheCursor(String cursor) {
		ApiException problem = catchThrowableOfType(ApiException.class, () -> OrderCursor.decode(cursor));
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
