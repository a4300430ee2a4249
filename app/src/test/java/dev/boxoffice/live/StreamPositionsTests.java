package dev.boxoffice.live;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Last-Event-IDs either stream may resume from. */
@Tag("unit")
class StreamPositionsTests {

	@Test
	void positionsWhosePartsFitIn64BitsAreUsable() {
		assertThat(StreamPositions.isUsable("1-1")).isTrue();
		assertThat(StreamPositions.isUsable("1795290123456-0")).isTrue();
		assertThat(StreamPositions.isUsable("9223372036854775807-9223372036854775807")).isTrue();
	}

	@Test
	void positionsLargerThanAStreamIdCanBeAreNot() {
		assertThat(StreamPositions.isUsable("9223372036854775808-0")).isFalse();
		assertThat(StreamPositions.isUsable("0-9223372036854775808")).isFalse();
		assertThat(StreamPositions.isUsable("12345678901234567890123-0")).isFalse();
	}

	@Test
	void anythingNotShapedLikeAPositionIsNot() {
		for (String id : new String[] { null, "", "1", "1-", "-1", "1-1-1", "a-1", " 1-1", "\u0661-\u0661", "+1-1" }) {
			assertThat(StreamPositions.isUsable(id)).as(String.valueOf(id)).isFalse();
		}
	}

}
