package dev.boxoffice.platform.observability;

import java.util.List;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * Gives every request an id before anything else sees it: security, handlers and the
 * error handler all run inside this decorator, so each of their log lines carries the id
 * (with {@code spring.reactor.context-propagation=auto} restoring the MDC from the
 * Reactor context on every operator).
 */
@Configuration(proxyBeanMethods = false)
class RequestIdConfiguration {

	static {
		onlyTheRequestIdTravels();
	}

	/**
	 * Only the request id travels from the Reactor context into thread-locals. The
	 * libraries' own accessors (Spring Security's contexts and exchange, Micrometer's
	 * current observation) are dropped: nothing here reads those from thread-locals, and
	 * restoring them at every thread hop cost about a tenth of the service's CPU under
	 * load (docs/performance.md). Done again once the application has started, in case a
	 * library registered one while starting.
	 */
	static void onlyTheRequestIdTravels() {
		ContextRegistry registry = ContextRegistry.getInstance();
		List.copyOf(registry.getThreadLocalAccessors())
			.stream()
			.map(ThreadLocalAccessor::key)
			.filter((key) -> !RequestIds.KEY.equals(key))
			.forEach(registry::removeThreadLocalAccessor);
		if (registry.getThreadLocalAccessors()
			.stream()
			.noneMatch((accessor) -> RequestIds.KEY.equals(accessor.key()))) {
			registry.registerThreadLocalAccessor(RequestIds.KEY, () -> MDC.get(RequestIds.KEY),
					(value) -> MDC.put(RequestIds.KEY, value), () -> MDC.remove(RequestIds.KEY));
		}
	}

	@Bean
	ApplicationListener<ApplicationStartedEvent> onlyTheRequestIdTravelsOnceStarted() {
		return (started) -> onlyTheRequestIdTravels();
	}

	@Bean
	WebHttpHandlerBuilderCustomizer requestIdDecorator() {
		return (builder) -> builder.httpHandlerDecorator(RequestIdConfiguration::withRequestId);
	}

	private static HttpHandler withRequestId(HttpHandler handler) {
		return (request, response) -> {
			String id = RequestIds.accept(request.getHeaders().getFirst(RequestIds.HEADER));
			response.getHeaders().set(RequestIds.HEADER, id);
			return Mono.defer(() -> handler.handle(request, response))
				.contextWrite((context) -> context.put(RequestIds.KEY, id));
		};
	}

}
