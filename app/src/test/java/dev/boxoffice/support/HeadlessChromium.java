package dev.boxoffice.support;

import java.time.Duration;

import org.junit.jupiter.api.Assumptions;

import org.awaitility.core.ThrowingRunnable;

import org.awaitility.Awaitility;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless Chromium, driven over the DevTools protocol with the JDK's own HTTP
 * and WebSocket clients: open a page, evaluate JavaScript in it, size its viewport, take
 * a screenshot. Uncaught script errors and dialogs (an {@code alert()}) are recorded, and
 * dialogs dismissed, so a test can assert a page had none. Started with the flags this
 * machine needs (no sandbox as root, no background network).
 */
public final class HeadlessChromium implements AutoCloseable {

	public static final Path BINARY = Path.of("/usr/bin/chromium");

	private final Process process;

	private final WebSocket socket;

	private final Path profile;

	private final AtomicInteger ids = new AtomicInteger();

	private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

	private final List<String> incidents = new CopyOnWriteArrayList<>();

	/**
	 * Skips the calling test unless Debian's Chromium is installed (under CI it must be:
	 * the test then fails instead of hiding).
	 */
	public static void assumeAvailable() {
		Assumptions.assumeTrue(Files.isExecutable(BINARY) || System.getenv("CI") != null,
				"Debian's chromium is not installed");
	}

	/** Waits up to 20 s for what a page shows to pass {@code assertion}. */
	public static void eventually(ThrowingRunnable assertion) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.untilAsserted(assertion);
	}

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
		call("Runtime.enable", Map.of());
	}

	public void open(String url) throws Exception {
		call("Page.navigate", Map.of("url", url));
	}

	/** The value of a JavaScript expression in the page (a promise is awaited). */
	public JsonNode evaluate(String expression) throws Exception {
		return call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true))
			.path("result")
			.path("value");
	}

	/**
	 * Types {@code value} into the field the CSS selector finds, as the page's scripts
	 * would see a person's typing (an {@code input} event).
	 */
	public void fill(String selector, String value) throws Exception {
		run(element(selector) + ".value = " + quoted(value) + "; " + element(selector)
				+ ".dispatchEvent(new Event('input', { bubbles: true }))");
	}

	/** Clicks what the CSS selector finds. */
	public void click(String selector) throws Exception {
		run(element(selector) + ".click()");
	}

	/** Submits the form the CSS selector finds, as its submit button would. */
	public void submit(String selector) throws Exception {
		run(element(selector) + ".requestSubmit()");
	}

	/** The text of what the CSS selector finds; null when nothing is found. */
	public String text(String selector) throws Exception {
		JsonNode text = evaluate("(document.querySelector(" + quoted(selector) + ") || {}).textContent");
		return text.isMissingNode() || text.isNull() ? null : text.asString();
	}

	/** Whether what the CSS selector finds is there and laid out (not hidden). */
	public boolean shown(String selector) throws Exception {
		return evaluate("(function (e) { return !!e && e.getClientRects().length > 0; })(document.querySelector("
				+ quoted(selector) + "))")
			.asBoolean();
	}

	private void run(String statement) throws Exception {
		JsonNode outcome = call("Runtime.evaluate", Map.of("expression", statement, "awaitPromise", true));
		if (outcome.has("exceptionDetails")) {
			throw new IllegalStateException(statement + " failed: " + outcome.path("exceptionDetails"));
		}
	}

	private static String element(String selector) {
		return "document.querySelector(" + quoted(selector) + ")";
	}

	private static String quoted(String text) {
		return JsonMapper.shared().writeValueAsString(text);
	}

	/** Lays the page out as a screen this wide and high would (a phone when mobile). */
	public void viewport(int width, int height, boolean mobile) throws Exception {
		call("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
	}

	/**
	 * Uncaught errors thrown by the pages' scripts, and dialogs they opened, so far.
	 */
	public List<String> incidents() {
		return List.copyOf(this.incidents);
	}

	public void screenshot(Path file) throws Exception {
		String png = call("Page.captureScreenshot", Map.of("format", "png")).path("data").asString();
		Files.createDirectories(file.getParent());
		Files.write(file, Base64.getDecoder().decode(png));
	}

	private JsonNode call(String method, Map<String, Object> params) throws Exception {
		return send(method, params).get(20, TimeUnit.SECONDS).path("result");
	}

	private CompletableFuture<JsonNode> send(String method, Map<String, Object> params) {
		int id = this.ids.incrementAndGet();
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		this.pending.put(id, answer);
		synchronized (this.socket) {
			this.socket
				.sendText(JsonMapper.shared().writeValueAsString(Map.of("id", id, "method", method, "params", params)),
						true)
				.join();
		}
		return answer;
	}

	@Override
	/**
	 * Asks Chromium to quit, then ends whatever of it is left (its helper processes too)
	 * and removes its profile, once nothing writes there any more.
	 */
	public void close() throws Exception {
		List<ProcessHandle> helpers = this.process.descendants().toList();
		try {
			send("Browser.close", Map.of()).get(5, TimeUnit.SECONDS);
		}
		catch (Exception alreadyGone) {
			// Ended below.
		}
		this.socket.abort();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
		for (ProcessHandle helper : helpers) {
			helper.destroyForcibly();
			helper.onExit().get(5, TimeUnit.SECONDS);
		}
		for (int attempt = 1;; attempt++) {
			try {
				FileSystemUtils.deleteRecursively(this.profile);
				return;
			}
			catch (IOException stillWritten) {
				if (attempt == 20) {
					throw stillWritten;
				}
				Thread.sleep(100);
			}
		}
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
				String method = message.path("method").asString("");
				if (method.equals("Runtime.exceptionThrown")) {
					JsonNode details = message.path("params").path("exceptionDetails");
					HeadlessChromium.this.incidents.add("uncaught: "
							+ details.path("exception").path("description").asString(details.path("text").asString()));
				}
				else if (method.equals("Page.javascriptDialogOpening")) {
					HeadlessChromium.this.incidents.add("dialog: " + message.path("params").path("message").asString());
					CompletableFuture.runAsync(() -> send("Page.handleJavaScriptDialog", Map.of("accept", true)));
				}
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
