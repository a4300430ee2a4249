package dev.boxoffice.platform.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Redis scripts from {@code .lua} files under {@code resources/redis/}, read when the
 * application starts. (A script made from a resource reads the file on first use, which
 * would be on an event loop.) They are then run by SHA, falling back to EVAL once.
 */
public final class LuaScripts {

	private LuaScripts() {
	}

	public static <T> RedisScript<T> load(String name, Class<T> resultType) {
		ClassPathResource resource = new ClassPathResource("redis/" + name);
		try (InputStream in = resource.getInputStream()) {
			RedisScript<T> script = RedisScript.of(new String(in.readAllBytes(), StandardCharsets.UTF_8), resultType);
			script.getSha1();
			return script;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read Redis script " + resource.getPath(), ex);
		}
	}

}
