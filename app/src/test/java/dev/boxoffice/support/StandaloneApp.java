package dev.boxoffice.support;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.boxoffice.BoxofficeApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application outside the test context cache, on this run's services, the way
 * {@code main} does: for tests of start-up itself. The caller closes it.
 */
public final class StandaloneApp {

	private StandaloneApp() {
	}

	/** Starts it with these properties on top of the run's services and test defaults. */
	public static ConfigurableApplicationContext start(Map<String, Object> overrides) {
		Map<String, Object> properties = new LinkedHashMap<>(TestServices.get().applicationProperties());
		properties.put("server.port", 0);
		properties.put("boxoffice.passwords.strength", 4);
		properties.put("boxoffice.demo-data.enabled", false);
		properties.put("boxoffice.startup.check-timeout", "2s");
		properties.putAll(overrides);
		String[] args = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(BoxofficeApplication.class).run(args);
	}

}
