package dev.boxoffice.platform.admission;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A request's body must have arrived within {@code boxoffice.admission.body-timeout} of
 * its headers, or the connection is closed. Admission counts a request in progress from
 * its headers on, so without this a client that never finishes its bodies (a few hundred
 * sockets, a valid token) would hold every place admission has, for everyone, for as long
 * as it likes. Requests without a body (the live streams among them) are not concerned:
 * their content is complete with their headers.
 */
@Configuration(proxyBeanMethods = false)
class BodyTimeouts {

	@Bean
	NettyServerCustomizer bodyTimeout(AdmissionProperties properties) {
		return (server) -> server.requestTimeout(properties.bodyTimeout()).readTimeout(properties.bodyTimeout());
	}

}
