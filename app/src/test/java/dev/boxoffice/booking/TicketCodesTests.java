package dev.boxoffice.booking;

import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Ticket codes: signed for one ticket of one seat, checkable with the key alone. */
@Tag("unit")
class TicketCodesTests {

	private static final String KEY = key(1);

	private static final UUID TICKET = UUID.fromString("0b6e9a52-8d1c-4f3e-a7b2-5c9d0e1f2a3b");

	private static final UUID EVENT = UUID.fromString("7c3d1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f");

	private final TicketCodes codes = codes(KEY);

	@Test
	void aTicketsCodeVerifiesForItsEventAndSeat() {
		String code = this.codes.code(TICKET, EVENT, "A-1-5");
		assertThat(this.codes.verify(code, EVENT, "A-1-5")).isTrue();
	}

	@Test
	void aCodeIsTheTicketIdAndAnUnpaddedBase64urlSignature() {
		// A door scanner reads the ticket id from the code; the rest is HMAC-SHA256 (32
		// bytes, 43 characters).
		assertThat(this.codes.code(TICKET, EVENT, "A-1-5")).matches(TICKET + "\\.[A-Za-z0-9_-]{43}");
	}

	@Test
	void aCodeDoesNotAdmitToAnotherSeatOrEvent() {
		String code = this.codes.code(TICKET, EVENT, "A-1-5");
		assertThat(this.codes.verify(code, EVENT, "A-1-6")).isFalse();
		assertThat(this.codes.verify(code, EVENT, "a-1-5")).isFalse();
		assertThat(this.codes.verify(code, UUID.randomUUID(), "A-1-5")).isFalse();
	}

	@Test
	void aSignatureCannotBeMovedToAnotherTicket() {
		String code = this.codes.code(TICKET, EVENT, "A-1-5");
		String signature = code.substring(code.indexOf('.'));
		assertThat(this.codes.verify(UUID.randomUUID() + signature, EVENT, "A-1-5")).isFalse();
	}

	@Test
	void ticketsOfOneSeatHaveDifferentCodes() {
		// A seat resold after a cancellation gets a new ticket: the old code must not
		// pass for the new one.
		String first = this.codes.code(TICKET, EVENT, "A-1-5");
		String second = this.codes.code(UUID.randomUUID(), EVENT, "A-1-5");
		assertThat(signatureOf(first)).isNotEqualTo(signatureOf(second));
	}

	@Test
	void anAlteredSignatureDoesNotVerify() {
		String code = this.codes.code(TICKET, EVENT, "A-1-5");
		int last = code.length() - 1;
		String altered = code.substring(0, last - 5) + ((code.charAt(last - 5) == 'A') ? 'B' : 'A')
				+ code.substring(last - 4);
		assertThat(this.codes.verify(altered, EVENT, "A-1-5")).isFalse();
		assertThat(this.codes.verify(code.substring(0, last - 3), EVENT, "A-1-5")).isFalse();
		assertThat(this.codes.verify(code + "AAAA", EVENT, "A-1-5")).isFalse();
		assertThat(this.codes.verify(TICKET + ".", EVENT, "A-1-5")).isFalse();
	}

	@Test
	void textThatIsNotACodeIsRefusedWithoutFailing() {
		String signature = signatureOf(this.codes.code(TICKET, EVENT, "A-1-5"));
		for (String text : new String[] { "", ".", TICKET.toString(), "not-a-ticket." + signature, "." + signature,
				TICKET + ".!!!", TICKET + ".a b", TICKET + "." + signature + "." + signature }) {
			assertThat(this.codes.verify(text, EVENT, "A-1-5")).as(text).isFalse();
		}
	}

	@Test
	void instancesSharingTheConfiguredKeyVerifyEachOthersCodes() {
		// After a restart, or on another instance behind the load balancer.
		String code = this.codes.code(TICKET, EVENT, "A-1-5");
		assertThat(codes(KEY).verify(code, EVENT, "A-1-5")).isTrue();
	}

	@Test
	void codesSignedUnderAnotherKeyDoNotVerify() {
		String code = codes(key(2)).code(TICKET, EVENT, "A-1-5");
		assertThat(this.codes.verify(code, EVENT, "A-1-5")).isFalse();
	}

	@Test
	void withoutAConfiguredKeyEachStartSignsWithAKeyOfItsOwn() {
		TicketCodes first = codes(null);
		TicketCodes second = codes(null);
		String code = first.code(TICKET, EVENT, "A-1-5");
		assertThat(first.verify(code, EVENT, "A-1-5")).isTrue();
		assertThat(second.verify(code, EVENT, "A-1-5")).isFalse();
	}

	@Test
	void aKeyShorterThan32BytesIsRefused() {
		String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
		assertThatIllegalArgumentException().isThrownBy(() -> codes(shortKey))
			.withMessageContaining("boxoffice.booking.ticket-key");
		assertThat(codes(Base64.getEncoder().encodeToString(new byte[32])).code(TICKET, EVENT, "A-1-5")).isNotBlank();
	}

	private static TicketCodes codes(@Nullable String ticketKey) {
		return new TicketCodes(new BookingProperties(10, Duration.ofSeconds(30), Duration.ofSeconds(10),
				Duration.ofHours(24), Duration.ofHours(1), ticketKey));
	}

	private static String key(int seed) {
		byte[] key = new byte[32];
		for (int i = 0; i < key.length; i++) {
			key[i] = (byte) (seed * 31 + i);
		}
		return Base64.getEncoder().encodeToString(key);
	}

	private static String signatureOf(String code) {
		return code.substring(code.indexOf('.') + 1);
	}

}
