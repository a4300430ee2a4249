package dev.boxoffice.support;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives every application context in a test JVM its own Netty event loops.
 * <p>
 * By default all contexts share Reactor Netty's global loops, and closing any context (a
 * failed start-up, {@code @DirtiesContext}) disposes them under the servers of every
 * other cached context, whose requests then hang. Registered for all contexts through
 * {@code META-INF/spring.factories} of the test classpath; the application itself runs
 * one context and keeps Spring Boot's default.
 */
public class ContextOwnNettyResources implements ApplicationContextInitializer<GenericApplicationContext> {

	@Override
	public void initialize(GenericApplicationContext context) {
		context.registerBean("reactorResourceFactory", ReactorResourceFactory.class, () -> {
			ReactorResourceFactory resources = new ReactorResourceFactory();
			resources.setUseGlobalResources(false);
			return resources;
		});
	}

}
