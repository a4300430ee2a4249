package dev.boxoffice.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Sign-in and sign-up ({@code /signin}) and the organizer's dashboard
 * ({@code /organizer}). Each page is read once, at start-up, and served from memory; what
 * it shows, it asks the API for, with the token pair the browser keeps.
 */
@Controller
class AccountPages {

	private final byte[] signIn = read("static/signin.html");

	private final byte[] organizer = read("static/organizer.html");

	@GetMapping("/signin")
	ResponseEntity<byte[]> signIn() {
		return html(this.signIn);
	}

	@GetMapping("/organizer")
	ResponseEntity<byte[]> organizer() {
		return html(this.organizer);
	}

	private static ResponseEntity<byte[]> html(byte[] page) {
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(page);
	}

	private static byte[] read(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The page " + path + " is missing from the build", ex);
		}
	}

}
