package dev.boxoffice.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * A flash sale: buyers arrive at an open rate ({@code -Drate} per second for
 * {@code -Dduration} seconds) for an event of {@code -Dseats} seats; each holds 1 to 4
 * seats and buys them, abandons the hold, or pays with a declined card. With
 * {@code -Dwatchers=K}, K live-stream watchers are connected throughout and the delivery
 * lag is reported. With {@code -Danalytics-watchers=K}, K organizers (the administrator's
 * token) follow the event's live analytics throughout, and the events they got are
 * counted (their cost is the service's CPU, compared with a run without them). With
 * {@code -Dconcurrency=N}, N buyers follow one another without pause instead (a closed
 * model): the rate measured is then the most the service sustains. {@code -Dsettle} runs
 * it that many seconds longer, uncounted, first ({@link Window}). With {@code -Dmode=ga}
 * the event sells general-admission places instead, one pool of {@code -Dplaces}
 * (10,000), each buyer holding 1 to 4 of them ({@code items}); the end checks then read
 * the pool in PostgreSQL ({@link PlacesEndCheck}, {@code -Ddb-url}) before the audit.
 * Reports the service's CPU per confirmed purchase ({@link ServiceCpu}). Ends with the
 * audit. Defaults: the CI smoke run (1,000 buyers, 200 seats).
 */
public class FlashSaleSimulation extends Simulation {

	private final BenchApi api;

	private final SeatWatchers watchers;

	private final SseStreams analyticsWatchers;

	private final AtomicLong analyticsEvents = new AtomicLong();

	private final double rate;

	private final Duration duration;

	private final int concurrency;

	private final PlacesEndCheck places;

	private final ServiceCpu cpu;

	public FlashSaleSimulation() {
		this(LoadSettings.number("watchers", 0));
	}

	protected FlashSaleSimulation(int watcherCount) {
		this.api = BenchApi.connect();
		this.rate = LoadSettings.decimal("rate", 50);
		this.duration = LoadSettings.seconds("duration", 20);
		this.concurrency = LoadSettings.number("concurrency", 0);
		boolean generalAdmission = "ga".equals(LoadSettings.text("mode", "seated"));
		BenchApi.Event event = generalAdmission
				? this.api.placesOnSale("General admission sale", LoadSettings.number("places", 10_000))
				: this.api.eventOnSale("Flash sale", LoadSettings.number("seats", 200));
		this.places = generalAdmission ? PlacesEndCheck.of(event) : null;
		this.cpu = new ServiceCpu(this.api);
		List<String> buyers = this.api.buyers(LoadSettings.number("buyers", 1000));
		this.watchers = (watcherCount > 0) ? SeatWatchers.connect(this.api.baseUrl(), event.id(), watcherCount) : null;
		int organizers = LoadSettings.number("analytics-watchers", 0);
		this.analyticsWatchers = (organizers > 0)
				? SseStreams.open(this.api.baseUrl(), "/api/events/" + event.id() + "/analytics/stream",
						Collections.nCopies(organizers, this.api.adminToken()), 50, (stream, name, data, at) -> {
							if ("analytics".equals(name)) {
								this.analyticsEvents.incrementAndGet();
							}
						})
				: null;
		ScenarioBuilder sale = scenario("flash sale").feed(Rush.buyerFeed(buyers))
			.exec(Rush.buyer(event, Rush.Behaviour.fromSettings(), this.watchers));
		PopulationBuilder arrivals = (this.concurrency > 0)
				? sale.injectClosed(constantConcurrentUsers(this.concurrency).during(Window.total(this.duration)))
				: sale.injectOpen(constantUsersPerSec(this.rate).during(Window.total(this.duration)));
		// One after the other (a population's children start together once it is done).
		PopulationBuilder checks = Rush.auditOnce(this.api, event);
		if (this.places != null) {
			checks = this.places.once().andThen(checks);
		}
		setUp(arrivals.andThen(this.cpu.endOnce().andThen(checks))).protocols(Rush.protocol(this.api.baseUrl()))
			.assertions(assertions());
	}

	private Assertion[] assertions() {
		List<Assertion> all = new ArrayList<>(List.of(Rush.auditAssertions()));
		if (this.places != null) {
			all.addAll(List.of(PlacesEndCheck.assertions()));
		}
		return all.toArray(Assertion[]::new);
	}

	@Override
	public void before() {
		Window.open();
		this.cpu.startAfter(Window.SETTLE);
	}

	@Override
	public void after() {
		Map<String, Object> measured = Window.report(this.duration);
		if (this.concurrency > 0) {
			measured.put("concurrency", this.concurrency);
		}
		else {
			measured.put("arrivalRatePerSecond", this.rate);
		}
		measured.put("outcomes", Rush.outcomes.snapshot());
		measured.put("confirmedPurchasesPerSecond", Window.perSecond(Rush.outcomes.get("purchase 201"), this.duration));
		measured.put("successfulHoldsPerSecond", Window.perSecond(Rush.outcomes.get("hold 201"), this.duration));
		measured.put("confirmedPurchases", Rush.outcomes.get("purchase 201"));
		measured.put("successfulHolds", Rush.outcomes.get("hold 201"));
		measured.put("buyersPerSecond", Window.perSecond(Rush.holdTimes.count(), this.duration));
		measured.putAll(Rush.holdTimes.summary("hold"));
		measured.putAll(Rush.purchaseTimes.summary("purchase"));
		measured.putAll(this.cpu.report(Rush.outcomes.get("purchase 201")));
		measured.put("mode", (this.places != null) ? "ga" : "seated");
		if (this.places != null) {
			measured.put("places", this.places.report());
		}
		if (this.watchers != null) {
			measured.put("watchers", this.watchers.report());
			this.watchers.close();
		}
		if (this.analyticsWatchers != null) {
			measured.put("analyticsWatchers", LoadSettings.number("analytics-watchers", 0));
			measured.put("analyticsEvents", this.analyticsEvents.get());
			this.analyticsWatchers.close();
		}
		Outcomes.write(getClass().getSimpleName(), measured);
	}

}
