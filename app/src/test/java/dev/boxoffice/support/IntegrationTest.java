package dev.boxoffice.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, against this run's own database and Redis
 * namespace (see {@link TestServices}). Tests talk to it over real HTTP. Responses may
 * take up to 20 s: tests check behaviour, never speed, and CI machines are small.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "boxoffice.startup.create-database=false")
@AutoConfigureWebTestClient(timeout = "20s")
@ContextConfiguration(initializers = TestServicesInitializer.class)
public @interface IntegrationTest {

}
