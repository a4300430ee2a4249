package dev.boxoffice.devrun;

/** The development run cannot bring a service of its own here: what, why, what to do. */
final class DevServicesUnavailableException extends RuntimeException {

	private final String action;

	DevServicesUnavailableException(String service, String why, String action) {
		super(service + " is not configured or reachable, and the development run cannot start one: " + why + ".");
		this.action = action;
	}

	String action() {
		return this.action;
	}

}
