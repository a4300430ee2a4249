package dev.boxoffice;

import dev.boxoffice.devrun.DevServices;

import org.springframework.boot.SpringApplication;

/**
 * The development run, {@code ./mvnw -pl app spring-boot:test-run}: the service with the
 * {@code dev} profile (demo logins), bringing its own PostgreSQL and Redis when none is
 * configured or reachable ({@link DevServices}). It lives with the tests, so none of this
 * is in the service's jar.
 */
public final class BoxofficeDevApplication {

	private BoxofficeDevApplication() {
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BoxofficeApplication.class);
		application.setAdditionalProfiles("dev");
		application.addInitializers(new DevServices());
		application.run(args);
	}

}
