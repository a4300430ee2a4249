package dev.boxoffice.inventory;

import java.util.ArrayList;
import java.util.List;

/** The seats an event goes on sale with, as columns, for one bulk insert. */
public final class NewSeats {

	final List<String> ids = new ArrayList<>();

	final List<String> sections = new ArrayList<>();

	final List<String> rows = new ArrayList<>();

	final List<Integer> numbers = new ArrayList<>();

	final List<Integer> prices = new ArrayList<>();

	final List<Boolean> accessible = new ArrayList<>();

	public NewSeats add(String id, String section, String row, int number, int priceCents, boolean isAccessible) {
		this.ids.add(id);
		this.sections.add(section);
		this.rows.add(row);
		this.numbers.add(number);
		this.prices.add(priceCents);
		this.accessible.add(isAccessible);
		return this;
	}

	public int size() {
		return this.ids.size();
	}

}
