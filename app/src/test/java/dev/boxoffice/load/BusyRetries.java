package dev.boxoffice.load;

import java.time.Duration;
import java.util.Arrays;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A request asked again, after its {@code Retry-After}, while the service refuses it as
 * busy (503), up to {@code -Dpurchase-retries} (3) times, as a real client does; its last
 * status is left in the session as {@code status}. The request's own checks must be
 * optional: they run before the status is saved. (The flash sale's purchase does the same
 * with its own counting: {@link Rush}.)
 */
final class BusyRetries {

	private static final int RETRIES = LoadSettings.number("purchase-retries", 3);

	private BusyRetries() {
	}

	/**
	 * Sends {@code request} until it is answered other than 503; {@code accepted} are OK.
	 */
	static ChainBuilder send(HttpRequestActionBuilder request, Integer... accepted) {
		Integer[] ok = Arrays.copyOf(accepted, accepted.length + 1);
		ok[accepted.length] = 503;
		return exec((session) -> session.set("tries", 0).remove("status"))
			.asLongAs(
					(session) -> session.getInt("tries") == 0 || (busy(session) && session.getInt("tries") <= RETRIES))
			.on(doIf((session) -> session.getInt("tries") > 0)
				.then(exec((session) -> session).pause((session) -> Duration.ofSeconds(retryAfter(session))))
				.exec((session) -> session.set("tries", session.getInt("tries") + 1)
					.remove("status")
					.remove("retryAfter"))
				.exec(request.check(status().saveAs("status"), header("Retry-After").optional().saveAs("retryAfter"),
						status().in(ok))));
	}

	/** The last answer's status ("error" if none came, or it was not one accepted). */
	static String answer(Session session) {
		return session.contains("status") ? session.getString("status") : "error";
	}

	private static boolean busy(Session session) {
		return "503".equals(answer(session));
	}

	/** The seconds a 503 asked the client to wait (1 to 10; 1 if it did not say). */
	private static long retryAfter(Session session) {
		try {
			return Math.min(10, Math.max(1, Long.parseLong(session.getString("retryAfter").trim())));
		}
		catch (RuntimeException absentOrNotSeconds) {
			return 1;
		}
	}

}
