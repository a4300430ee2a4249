package dev.boxoffice.hold;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Hold ids: they name their event, differ from hold to hold, and nothing else passes for one. */
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
		// It travels in paths (/api/holds/{holdId}) as it is: nothing in it needs escaping.
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
		for (String bad : new String[] { "", "h", id.substring(0, 32), id + "A", "H" + body, "x" + body,
				" " + body, EVENT.toString(), "h" + "+".repeat(32), "h" + "/".repeat(32), replaceAt(id, 16, '.'),
				replaceAt(id, 16, '='), replaceAt(id, 16, '\u00e9'), replaceAt(id, 16, '\u0661') }) {
			assertThat(HoldId.eventOf(bad)).as(bad).isNull();
		}
	}

	private static String replaceAt(String text, int index, char replacement) {
		return text.substring(0, index) + replacement + text.substring(index + 1);
	}

}
