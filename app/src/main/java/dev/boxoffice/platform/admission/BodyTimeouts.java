package dev.boxoffice.platform.admission;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A request's body that stops arriving for {@code boxoffice.admission.body-timeout} is
 * cut off: the connection is closed. Admission counts a request in progress from its
 * headers on, so without this a client that never finishes its bodies (a few hundred
 * sockets, a valid token) would hold every place admission has, for everyone, for as long
 * as it likes. A body trickling in is cut off by admission itself, at the same timeout
 * from its headers ({@link AdmissionControl}). Requests without a body (the live streams
 * among them) are not concerned: their content is complete with their headers. (Reactor
 * Netty's request timeout is not used: see {@link AdmissionControl}.)
 */
@Configuration(proxyBeanMethods = false)
class BodyTimeouts {

	@Bean
	NettyServerCustomizer bodyTimeout(AdmissionProperties properties) {
		return (server) -> server.readTimeout(properties.bodyTimeout());
	}

}
