package dev.boxoffice.hold;

/** A seat in a hold, with its price and the version it had when it was held. */
public record HeldSeat(String id, String section, String row, int number, int priceCents, long version) {

	String encode() {
		return this.id + "|" + this.section + "|" + this.row + "|" + this.number + "|" + this.priceCents + "|"
				+ this.version;
	}

	static HeldSeat decode(String text) {
		String[] parts = text.split("\\|");
		return new HeldSeat(parts[0], parts[1], parts[2], Integer.parseInt(parts[3]), Integer.parseInt(parts[4]),
				Long.parseLong(parts[5]));
	}

}
