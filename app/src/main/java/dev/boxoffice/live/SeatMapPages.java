package dev.boxoffice.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The seat-map page of an event ({@code /events/{id}}); its HTML, CSS and JavaScript are
 * plain static files (no build step), and the index of events on sale is {@code /}. The
 * page is read once, at start-up, and served from memory.
 */
@Controller
class SeatMapPages {

	private final byte[] eventPage;

	SeatMapPages() {
		try (InputStream in = new ClassPathResource("static/event.html").getInputStream()) {
			this.eventPage = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The seat-map page is missing from the build", ex);
		}
	}

	@GetMapping("/events/{eventId}")
	ResponseEntity<byte[]> event(@PathVariable String eventId) {
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(this.eventPage);
	}

}
