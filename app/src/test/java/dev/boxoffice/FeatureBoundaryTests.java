package dev.boxoffice;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Features meet only through what they make public, and never in a cycle;
 * {@code platform} is open to all. Package-private types (repositories, scripts, key
 * layouts) stay inside their feature: the Redis keys of seat state, for one, are known to
 * {@code inventory} alone.
 */
@Tag("unit")
class FeatureBoundaryTests {

	@Test
	void featuresMeetOnlyThroughTheirPublicTypesAndWithoutCycles() {
		ApplicationModules.of(BoxofficeApplication.class).verify();
	}

}
