package dev.boxoffice.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.boxoffice.platform.error.ApiException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The cursor of an event's history: it finds its page again, and nothing else passes for
 * one.
 */
@Tag("unit")
class EventHistoryCursorTests {

	@Test
	void aCursorDecodesToTheVersionItWasMadeFrom() {
		for (long version : new long[] { 0, 1, 41, Long.MAX_VALUE / 10 }) {
			EventHistoryCursor cursor = new EventHistoryCursor(version);
			assertThat(EventHistoryCursor.decode(cursor.encode())).isEqualTo(cursor);
		}
	}

	@Test
	void aCursorNeedsNoEscapingInAQuery() {
		assertThat(new EventHistoryCursor(123456789).encode()).matches("[A-Za-z0-9_-]+");
	}

	@Test
	void textThatIsNotACursorIsAValidationProblemNamingIt() {
		for (String bad : new String[] { "", "not-a-cursor", "!!!", base64("hello"), base64("v"), base64("v-1"),
				base64("v1.5"), base64("12"), base64("v12x"), base64("v12345678901234567890"), base64("V12") }) {
			assertNamesTheCursor(bad);
		}
	}

	@Test
	void noAlterationOfACursorFailsOtherwiseThanAsAValidationProblem() {
		String cursor = new EventHistoryCursor(1234).encode();
		for (int i = 0; i < cursor.length(); i++) {
			for (char replacement : "AMz09-_=.".toCharArray()) {
				String altered = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
				try {
					EventHistoryCursor.decode(altered);
				}
				catch (ApiException ex) {
					assertThat(ex.status()).as(altered).isEqualTo(HttpStatus.BAD_REQUEST);
				}
			}
		}
	}

	private static void assertNamesTheCursor(String cursor) {
		ApiException problem = catchThrowableOfType(ApiException.class, () -> EventHistoryCursor.decode(cursor));
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
