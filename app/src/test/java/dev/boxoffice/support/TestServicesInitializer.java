package dev.boxoffice.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Points an application context at this run's PostgreSQL database and Redis namespace,
 * with the signing key of {@link TestKeys} and a bootstrap administrator. A test's own
 * properties ({@code @TestPropertySource}, {@code @DynamicPropertySource},
 * {@code @SpringBootTest(properties)}) still win.
 */
public class TestServicesInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Administrator every test context has. */
	public static final String ADMIN_EMAIL = "admin@boxoffice.test";

	public static final String ADMIN_PASSWORD = "admin-password-for-tests";

	/** The one origin allowed to call the API cross-origin in tests. */
	public static final String ALLOWED_ORIGIN = "https://tickets.example";

	/**
	 * Settings for speed and predictability: cheap password hashing, budgets no test
	 * reaches unless it sets its own. Redis commands may take 10 s instead of 2: the
	 * suite keeps dozens of application contexts alive in one JVM on two cores, and a
	 * race of 200 holds once saw its first commands time out at 2 s in CI, in a cached
	 * context that had been idle (docs/testing.md). A test of what a timeout does sets
	 * its own. Every test client comes from 127.0.0.1, so the bound on what one client
	 * address may hold is off; the test of that bound sets its own. The races let dozens
	 * of requests go at once on those two cores: the adaptive admission limit would
	 * rightly refuse some of them as busy, and they check seats and money, not admission,
	 * so new work is admitted up to the in-flight bound as before (the adaptive limit has
	 * tests of its own: {@code AdaptiveLimitTests}, {@code AdmissionPriorityTests}).
	 */
	private static final Map<String, Object> TEST_DEFAULTS = Map.ofEntries(Map.entry("boxoffice.passwords.strength", 4),
			Map.entry("boxoffice.rate-limit.auth-per-minute", 100_000),
			Map.entry("boxoffice.rate-limit.user-per-minute", 100_000), Map.entry("boxoffice.admin.email", ADMIN_EMAIL),
			Map.entry("boxoffice.admin.password", ADMIN_PASSWORD),
			Map.entry("boxoffice.cors.allowed-origins", ALLOWED_ORIGIN),
			Map.entry("boxoffice.demo-data.enabled", false), Map.entry("spring.data.redis.timeout", "10s"),
			Map.entry("boxoffice.holds.max-held-per-address", 0), Map.entry("boxoffice.admission.adaptive", false));

	private static final String[] TEST_SOURCES = { "Dynamic Test Properties", "Inlined Test Properties" };

	/**
	 * Everything this initializer sets: the run's services, the test defaults, the keys.
	 */
	public static Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>(TestServices.get().applicationProperties());
		properties.putAll(TEST_DEFAULTS);
		properties.put("boxoffice.jwt.private-key", TestKeys.privatePem(TestKeys.SIGNING));
		properties.put("boxoffice.jwt.accepted-public-keys[0]", TestKeys.publicPem(TestKeys.PREVIOUS));
		return properties;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		MapPropertySource services = new MapPropertySource("boxoffice-test-services", properties());
		String lowestTestSource = null;
		for (String name : TEST_SOURCES) {
			if (sources.contains(name) && (lowestTestSource == null
					|| sources.precedenceOf(sources.get(name)) > sources.precedenceOf(sources.get(lowestTestSource)))) {
				lowestTestSource = name;
			}
		}
		if (lowestTestSource != null) {
			sources.addAfter(lowestTestSource, services);
		}
		else {
			sources.addFirst(services);
		}
	}

}
