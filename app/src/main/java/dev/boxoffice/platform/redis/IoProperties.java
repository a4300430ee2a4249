package dev.boxoffice.platform.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which threads carry the service's I/O to PostgreSQL and Redis. The defaults are what
 * the service is tested with; the bench's interleaved A/B runs measured both settings
 * against them (docs/performance.md, fifth series).
 *
 * @param sharedLoops whether PostgreSQL's and Redis's connections run on the HTTP
 * server's event loops instead of loops of their own
 * @param redisRepliesHandedOff whether each Redis reply is handed to Lettuce's
 * computation threads before the rest of its request goes on (otherwise it goes on on the
 * thread that read it; the change feed's fan-out is handed off either way)
 */
@ConfigurationProperties("boxoffice.io")
public record IoProperties(@DefaultValue("false") boolean sharedLoops,
		@DefaultValue("true") boolean redisRepliesHandedOff) {
}
