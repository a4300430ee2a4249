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
		RedisScript<T> script = RedisScript.of(read(name), resultType);
		script.getSha1();
		return script;
	}

	/**
	 * The same, with the functions of {@code library} (a file of local functions shared
	 * by several scripts) put before the script's text.
	 */
	public static <T> RedisScript<T> load(String name, String library, Class<T> resultType) {
		RedisScript<T> script = RedisScript.of(read(library) + "\n" + read(name), resultType);
		script.getSha1();
		return script;
	}

	private static String read(String name) {
		ClassPathResource resource = new ClassPathResource("redis/" + name);
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read Redis script " + resource.getPath(), ex);
		}
	}

}
