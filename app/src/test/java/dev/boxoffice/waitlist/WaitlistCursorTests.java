package dev.boxoffice.waitlist;

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
 * The cursor of an event's waitlist: it finds its place in the line again, and nothing
 * else passes for one.
 */
@Tag("unit")
class WaitlistCursorTests {

	private static final UUID ENTRY = UUID.fromString("5d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a");

	@Test
	void aCursorDecodesToTheEntryItWasMadeFrom() {
		for (int rank : new int[] { 0, 1 }) {
			for (Instant joinedAt : List.of(Instant.parse("2030-03-01T12:00:00Z"),
					Instant.parse("2030-03-01T12:00:00.123456Z"), Instant.parse("2030-03-01T12:00:00.123456789Z"))) {
				WaitlistCursor cursor = new WaitlistCursor(rank, joinedAt, ENTRY);
				assertThat(WaitlistCursor.decode(cursor.encode())).isEqualTo(cursor);
			}
		}
	}

	@Test
	void aCursorIsMadeFromTheEntrysTierJoiningTimeAndId() {
		Instant joined = Instant.parse("2030-03-01T12:00:00.5Z");
		WaitlistEntry entry = new WaitlistEntry(ENTRY, UUID.randomUUID(), UUID.randomUUID(), 2, null,
				WaitlistTier.PRIORITY, "press", WaitlistState.WAITING, joined, joined, 1, 0);
		assertThat(WaitlistCursor.after(entry)).isEqualTo(new WaitlistCursor(0, joined, ENTRY));
	}

	@Test
	void aCursorNeedsNoEscapingInAQuery() {
		assertThat(new WaitlistCursor(1, Instant.parse("2030-03-01T12:00:00.5Z"), ENTRY).encode())
			.matches("[A-Za-z0-9_-]+");
	}

	@Test
	void textThatIsNotACursorIsAValidationProblemNamingIt() {
		for (String bad : new String[] { "", "not-a-cursor", "!!!", base64("hello"), base64("1|2030-03-01T12:00:00Z"),
				base64("1|2030-03-01T12:00:00Z|"), base64("1|2030-03-01T12:00:00Z|not-an-id"),
				base64("2|2030-03-01T12:00:00Z|" + ENTRY), base64("-1|2030-03-01T12:00:00Z|" + ENTRY),
				base64("|2030-03-01T12:00:00Z|" + ENTRY), base64("1|yesterday|" + ENTRY),
				base64("1|2030-03-01T12:00:00Z|" + ENTRY + "|x"), base64("2030-03-01T12:00:00Z|" + ENTRY) }) {
			assertNamesTheCursor(bad);
		}
	}

	@Test
	void timesNoEntryCanHaveAreNotACursor() {
		for (String time : new String[] { "-5000-01-01T00:00:00Z", "+300000-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
				"+10000-01-01T00:00:00Z" }) {
			assertNamesTheCursor(base64("1|" + time + "|" + ENTRY));
		}
	}

	@Test
	void noAlterationOfACursorFailsOtherwiseThanAsAValidationProblem() {
		String cursor = new WaitlistCursor(0, Instant.parse("2030-03-01T12:00:00.123456Z"), ENTRY).encode();
		for (int i = 0; i < cursor.length(); i++) {
			for (char replacement : "AMz09-_=.".toCharArray()) {
				String altered = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
				try {
					WaitlistCursor.decode(altered);
				}
				catch (ApiException ex) {
					assertThat(ex.status()).as(altered).isEqualTo(HttpStatus.BAD_REQUEST);
				}
			}
		}
	}

	private static void assertNamesTheCursor(String cursor) {
		ApiException problem = catchThrowableOfType(ApiException.class, () -> WaitlistCursor.decode(cursor));
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
