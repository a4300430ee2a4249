package dev.boxoffice.platform.error;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The service sheds load: a bounded queue is full. The client may retry shortly. */
public class ServiceBusyException extends ApiException {

	public ServiceBusyException(String detail) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Service busy", detail);
		withHeader(HttpHeaders.RETRY_AFTER, "1");
	}

}
