package dev.boxoffice.catalog;

import dev.boxoffice.platform.error.ApiException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An event's version as ETag, and what If-Match may name. */
@Tag("unit")
class EventVersionTagsTests {

	@Test
	void theETagOfAVersionIsTheVersionQuotedAndNamesItAgain() {
		assertThat(EventVersionTags.etag(7)).isEqualTo("\"7\"");
		assertThat(EventVersionTags.expected(EventVersionTags.etag(7))).isEqualTo(7L);
		assertThat(EventVersionTags.expected(" 12 ")).isEqualTo(12L);
	}

	@Test
	void noIfMatchOrAnyVersionChecksNothing() {
		assertThat(EventVersionTags.expected(null)).isNull();
		assertThat(EventVersionTags.expected(" ")).isNull();
		assertThat(EventVersionTags.expected("*")).isNull();
	}

	@Test
	void anIfMatchThatNamesNoVersionIsAValidationProblemNamingTheHeader() {
		for (String bad : new String[] { "W/\"3\"", "\"3\", \"4\"", "\"abc\"", "\"\"", "-1", "\"", "3.0",
				"12345678901234567890" }) {
			ApiException problem = catchThrowableOfType(ApiException.class, () -> EventVersionTags.expected(bad));
			assertThat(problem).as(bad).isNotNull();
			assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(problem.problem().getProperties().get("errors").toString()).contains("If-Match");
		}
	}

}
