package dev.boxoffice.hold;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hold ids: they name their event, differ from hold to hold, and nothing else passes for
 * one.
 */
@Tag("unit")
class HoldIdTests {

	private static final UUID EVENT = UUID.fromString("3f2b8c1e-5a7d-4e2f-9b6a-0c1d2e3f4a5b");

	@Test
	void anIdNamesTheEventItWasMadeFor() {
		assertThat(HoldId.eventOf(HoldId.next(EVENT))).isEqualTo(EVENT);
		UUID other = UUID.randomUUID();
		assertThat(HoldId.eventOf(HoldId.next(other))).isEqualTo(other);
	}

	@Test
	void anIdIsAnHFollowedByThirtyTwoUrlSafeCharacters() {
		// It travels in paths (/api/holds/{holdId}) as it is: nothing in it needs
		// escaping.
		for (int i = 0; i < 100; i++) {
			assertThat(HoldId.next(UUID.randomUUID())).matches("h[A-Za-z0-9_-]{32}");
		}
	}

	@Test
	void holdsOfOneEventGetIdsOfTheirOwn() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			ids.add(HoldId.next(EVENT));
		}
		assertThat(ids).hasSize(10_000);
		assertThat(ids).allSatisfy((id) -> assertThat(HoldId.eventOf(id)).isEqualTo(EVENT));
	}

	@Test
	void textNotShapedLikeAHoldIdNamesNoEvent() {
		String id = HoldId.next(EVENT);
		String body = id.substring(1);
		for (String bad : new String[] { "", "h", id.substring(0, 32), id + "A", "H" + body, "x" + body, " " + body,
				EVENT.toString(), "h" + "+".repeat(32), "h" + "/".repeat(32), replaceAt(id, 16, '.'),
				replaceAt(id, 16, '='), replaceAt(id, 16, '\u00e9'), replaceAt(id, 16, '\u0661') }) {
			assertThat(HoldId.eventOf(bad)).as(bad).isNull();
		}
	}

	@Test
	void paddedTextOfAHoldIdsLengthIsNotOne() {
		// Base64 with padding decodes to fewer than 24 bytes: no id this service gives
		// out.
		String id = HoldId.next(EVENT);
		assertThat(HoldId.eventOf(id.substring(0, 31) + "==")).isNull();
		assertThat(HoldId.eventOf(id.substring(0, 32) + "=")).isNull();
	}

	@Test
	void anyTextIsAHoldIdExactlyWhenItHasTheShapeOfOne() {
		// Ids come from paths: whatever a client sends is an id or not, never a failure.
		Random random = new Random(42);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=.%~ \u00e9";
		for (int i = 0; i < 2_000; i++) {
			StringBuilder text = new StringBuilder("h");
			for (int c = 0; c < 32; c++) {
				// Mostly id characters, so that many texts are ids and the others fail
				// one way or another.
				text.append((random.nextInt(8) == 0) ? alphabet.charAt(64 + random.nextInt(alphabet.length() - 64))
						: alphabet.charAt(random.nextInt(64)));
			}
			String candidate = text.toString();
			assertThat(HoldId.eventOf(candidate) != null).as(candidate)
				.isEqualTo(candidate.matches("h[A-Za-z0-9_-]{32}"));
		}
	}

	private static String replaceAt(String text, int index, char replacement) {
		return text.substring(0, index) + replacement + text.substring(index + 1);
	}

}
