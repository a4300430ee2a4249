package dev.boxoffice.platform.startup;

/** PostgreSQL or Redis could not be used at start-up; the service does not start. */
public class BackingServiceUnavailableException extends RuntimeException {

	private final BackingService service;

	private final String address;

	BackingServiceUnavailableException(BackingService service, String address, Throwable cause) {
		super(service.displayName() + " is not reachable at " + address + ": " + rootMessage(cause), cause);
		this.service = service;
		this.address = address;
	}

	public BackingService service() {
		return this.service;
	}

	public String address() {
		return this.address;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
