package dev.boxoffice.platform.security;

import org.springframework.core.Ordered;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;

/**
 * A feature's say on who may call its routes: which are public, which need a role. Every
 * bean of this type is applied, in {@link Ordered order}, before the default rule that
 * everything else needs an authenticated caller.
 */
@FunctionalInterface
public interface RouteAccess extends Ordered {

	void configure(AuthorizeExchangeSpec exchanges);

	@Override
	default int getOrder() {
		return 0;
	}

}
