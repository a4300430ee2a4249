package dev.boxoffice.platform.startup;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class MigrationUrlDefaultsTests {

	@Test
	void derivesTheJdbcUrlFromTheR2dbcUrl() {
		assertThat(MigrationUrlDefaults.jdbcUrlFor("r2dbc:postgresql://db.internal:6432/tickets"))
			.isEqualTo("jdbc:postgresql://db.internal:6432/tickets");
		assertThat(MigrationUrlDefaults.jdbcUrlFor("r2dbc:pool:postgresql://localhost/boxoffice?maxSize=5"))
			.isEqualTo("jdbc:postgresql://localhost/boxoffice");
		assertThat(MigrationUrlDefaults.jdbcUrlFor("r2dbc:postgres://h:1/d")).isEqualTo("jdbc:postgresql://h:1/d");
	}

	@Test
	void leavesOtherDatabasesAlone() {
		assertThat(MigrationUrlDefaults.jdbcUrlFor("r2dbc:h2:mem:///test")).isNull();
		assertThat(MigrationUrlDefaults.jdbcUrlFor(null)).isNull();
	}

	@Test
	void anExplicitFlywayUrlWins() {
		StandardEnvironment environment = environment(
				Map.of("spring.r2dbc.url", "r2dbc:postgresql://a/one", "spring.flyway.url", "jdbc:postgresql://b/two"));
		new MigrationUrlDefaults().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://b/two");
	}

	@Test
	void fillsInTheFlywayUrlWhenUnset() {
		StandardEnvironment environment = environment(Map.of("spring.r2dbc.url", "r2dbc:postgresql://a:5433/one"));
		new MigrationUrlDefaults().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://a:5433/one");
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

}
