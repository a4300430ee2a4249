package dev.boxoffice.platform.web;

import java.beans.PropertyEditorSupport;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * An id in a path variable, query parameter or header is a UUID in its one canonical
 * form. Spring's own reading turns a blank one into null (a 500 for a path variable) and
 * the JDK's reads {@code 1-1-1-1-1} as a UUID; anything but the canonical form is a type
 * mismatch here, which the error handler answers with a 400 naming the parameter. (An
 * editor, not a converter: a binder falls back on its default editor when a converter
 * fails, and that editor reads blank as null.)
 */
@ControllerAdvice
class CanonicalUuids {

	private static final Pattern CANONICAL = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	@InitBinder
	void readUuidsStrictly(WebDataBinder binder) {
		binder.registerCustomEditor(UUID.class, new Editor());
	}

	private static final class Editor extends PropertyEditorSupport {

		@Override
		public void setAsText(String text) {
			if (!CANONICAL.matcher(text).matches()) {
				throw new IllegalArgumentException("Not a UUID in canonical form");
			}
			setValue(UUID.fromString(text));
		}

	}

}
