package dev.boxoffice.load;

import java.time.Duration;

/**
 * What a run is pointed at and how big it is, from system properties
 * ({@code -Dname=value} on the Maven command line). The defaults match the application's
 * {@code bench} profile.
 */
final class LoadSettings {

	private LoadSettings() {
	}

	static String baseUrl() {
		String url = text("base-url", "http://localhost:8080");
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	static String adminEmail() {
		return text("admin-email", "admin@boxoffice.bench");
	}

	static String adminPassword() {
		return text("admin-password", "bench-admin-password");
	}

	static String text(String name, String fallback) {
		String value = System.getProperty(name);
		return (value == null || value.isBlank()) ? fallback : value.trim();
	}

	static int number(String name, int fallback) {
		return Integer.parseInt(text(name, Integer.toString(fallback)));
	}

	static double decimal(String name, double fallback) {
		return Double.parseDouble(text(name, Double.toString(fallback)));
	}

	static Duration seconds(String name, int fallback) {
		return Duration.ofSeconds(number(name, fallback));
	}

}
