package dev.boxoffice.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless Chromium, driven over the DevTools protocol with the JDK's own HTTP
 * and WebSocket clients: open a page, evaluate JavaScript in it, take a screenshot.
 * Started with the flags this machine needs (no sandbox as root, no background network).
 */
public final class HeadlessChromium implements AutoCloseable {

	public static final Path BINARY = Path.of("/usr/bin/chromium");

	private final Process process;

	private final WebSocket socket;

	private final Path profile;

	private final AtomicInteger ids = new AtomicInteger();

	private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

	public HeadlessChromium() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		this.profile = Files.createTempDirectory("chromium-profile");
		this.process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-dev-shm-usage", "--window-size=1300,1000", "--remote-debugging-address=127.0.0.1",
				"--remote-debugging-port=" + port, "--user-data-dir=" + this.profile, "about:blank")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		HttpClient http = HttpClient.newHttpClient();
		String debuggerUrl = null;
		for (int attempt = 0; attempt < 100 && debuggerUrl == null; attempt++) {
			try {
				String targets = http
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json")).build(),
							HttpResponse.BodyHandlers.ofString())
					.body();
				for (JsonNode target : JsonMapper.shared().readTree(targets)) {
					if ("page".equals(target.path("type").asString())) {
						debuggerUrl = target.path("webSocketDebuggerUrl").asString();
					}
				}
			}
			catch (IOException notYet) {
				Thread.sleep(200);
			}
		}
		if (debuggerUrl == null) {
			throw new IllegalStateException("Chromium did not open its DevTools endpoint");
		}
		this.socket = http.newWebSocketBuilder()
			.buildAsync(URI.create(debuggerUrl), new Listener())
			.get(10, TimeUnit.SECONDS);
		call("Page.enable", Map.of());
	}

	public void open(String url) throws Exception {
		call("Page.navigate", Map.of("url", url));
	}

	/** The value of a JavaScript expression in the page. */
	public JsonNode evaluate(String expression) throws Exception {
		return call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true)).path("result")
			.path("value");
	}

	public void screenshot(Path file) throws Exception {
		String png = call("Page.captureScreenshot", Map.of("format", "png")).path("data").asString();
		Files.createDirectories(file.getParent());
		Files.write(file, Base64.getDecoder().decode(png));
	}

	private JsonNode call(String method, Map<String, Object> params) throws Exception {
		int id = this.ids.incrementAndGet();
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		this.pending.put(id, answer);
		this.socket.sendText(
				JsonMapper.shared().writeValueAsString(Map.of("id", id, "method", method, "params", params)), true);
		return answer.get(20, TimeUnit.SECONDS).path("result");
	}

	@Override
	public void close() throws Exception {
		this.socket.abort();
		this.process.destroy();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
		FileSystemUtils.deleteRecursively(this.profile);
	}

	/** Collects message fragments and completes the call each answer belongs to. */
	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				JsonNode message = JsonMapper.shared().readTree(this.text.toString());
				this.text.setLength(0);
				if (message.has("id")) {
					CompletableFuture<JsonNode> answer = HeadlessChromium.this.pending
						.remove(message.path("id").asInt());
					if (answer != null) {
						answer.complete(message);
					}
				}
			}
			webSocket.request(1);
			return null;
		}

	}

}
