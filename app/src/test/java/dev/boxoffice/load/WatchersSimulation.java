package dev.boxoffice.load;

/**
 * The flash sale watched: {@code -Dwatchers} (default 2,000) clients follow the event's
 * live seat stream during the sale, and the delivery lag of every hold is measured.
 */
public class WatchersSimulation extends FlashSaleSimulation {

	public WatchersSimulation() {
		super(LoadSettings.number("watchers", 2000));
	}

}
