package dev.boxoffice.platform.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration processor's metadata, which IDEs complete {@code boxoffice.*}
 * properties from, says what each property does, and names the same properties as the
 * configuration tables of docs/operations.md: a property added to a record without a line
 * in the docs (or a line left behind by a removed one) fails here.
 */
@Tag("unit")
class ConfigurationMetadataTests {

	private static final String METADATA = "/META-INF/spring-configuration-metadata.json";

	private static final Path OPERATIONS = Path.of("../docs/operations.md");

	/** A table row's first cell: every `boxoffice.…` name in it. */
	private static final Pattern FIRST_CELL = Pattern.compile("(?m)^\\|([^|]*)\\|");

	private static final Pattern PROPERTY = Pattern.compile("`(boxoffice\\.[a-z0-9.\\-]+)`");

	@Test
	void everyPropertyIsDescribedForTheIde() throws IOException {
		JsonNode properties = metadata().get("properties");
		assertThat(properties.size()).as("boxoffice.* properties in the metadata").isGreaterThan(40);
		Set<String> undescribed = new TreeSet<>();
		for (JsonNode property : properties) {
			if (property.path("description").asString("").isBlank()) {
				undescribed.add(property.get("name").asString());
			}
		}
		assertThat(undescribed).as("properties without a description (a @param on their record)").isEmpty();
	}

	@Test
	void operationsGuideListsExactlyTheServicesProperties() throws IOException {
		Set<String> inMetadata = new TreeSet<>();
		for (JsonNode property : metadata().get("properties")) {
			inMetadata.add(property.get("name").asString());
		}
		Set<String> documented = documentedProperties(Files.readString(OPERATIONS));
		assertThat(documented).as("properties in docs/operations.md's tables")
			.containsExactlyInAnyOrderElementsOf(inMetadata);
	}

	@Test
	void documentedPropertiesAreReadFromEveryNameInATablesFirstCell() {
		String table = """
				| Property | Default | Meaning |
				|---|---|---|
				| `boxoffice.admin.email`, `boxoffice.admin.password` | unset | both |
				| `boxoffice.holds.ttl` | `5m` | see `boxoffice.holds.max-seats` |
				""";
		assertThat(documentedProperties(table)).containsExactly("boxoffice.admin.email", "boxoffice.admin.password",
				"boxoffice.holds.ttl");
	}

	private static Set<String> documentedProperties(String markdown) {
		Set<String> names = new TreeSet<>();
		Matcher row = FIRST_CELL.matcher(markdown);
		while (row.find()) {
			Matcher property = PROPERTY.matcher(row.group(1));
			while (property.find()) {
				names.add(property.group(1));
			}
		}
		return names;
	}

	private static JsonNode metadata() throws IOException {
		try (InputStream in = ConfigurationMetadataTests.class.getResourceAsStream(METADATA)) {
			assertThat(in).as(METADATA + " (written by spring-boot-configuration-processor)").isNotNull();
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
