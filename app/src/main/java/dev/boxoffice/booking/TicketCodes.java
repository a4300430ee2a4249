package dev.boxoffice.booking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Ticket codes that cannot be guessed and can be checked without the database: the
 * ticket's id, event and seat, signed with HMAC-SHA256 under
 * {@code boxoffice.booking.ticket-key}. Format:
 * {@code <ticket id>.<signature, base64url>}.
 */
@Component
class TicketCodes {

	private static final Logger log = LoggerFactory.getLogger(TicketCodes.class);

	private final SecretKeySpec key;

	TicketCodes(BookingProperties properties) {
		byte[] secret;
		if (properties.ticketKey() != null) {
			secret = Base64.getDecoder().decode(properties.ticketKey());
			if (secret.length < 32) {
				throw new IllegalArgumentException("boxoffice.booking.ticket-key must be at least 32 bytes (base64)");
			}
		}
		else {
			log.warn("No boxoffice.booking.ticket-key configured: signing ticket codes with a key generated now. "
					+ "Codes will not verify after a restart or on other instances.");
			secret = new byte[32];
			new SecureRandom().nextBytes(secret);
		}
		this.key = new SecretKeySpec(secret, "HmacSHA256");
	}

	String code(UUID ticketId, UUID eventId, String seatId) {
		return ticketId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sign(ticketId, eventId, seatId));
	}

	/** Whether {@code code} is the genuine code of that ticket. */
	boolean verify(String code, UUID eventId, String seatId) {
		int dot = code.indexOf('.');
		if (dot < 0) {
			return false;
		}
		try {
			UUID ticketId = UUID.fromString(code.substring(0, dot));
			byte[] signature = Base64.getUrlDecoder().decode(code.substring(dot + 1));
			return MessageDigest.isEqual(signature, sign(ticketId, eventId, seatId));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private byte[] sign(UUID ticketId, UUID eventId, String seatId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac.doFinal((ticketId + "|" + eventId + "|" + seatId).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required by every Java platform", ex);
		}
	}

}
