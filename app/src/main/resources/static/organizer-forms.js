// The organizer's forms: a venue with a simple layout (sections of equal rows of seats)
// and an event at one of their venues, created as a draft.
(function () {
  const $ = (id) => document.getElementById(id);
  const { call, showProblem, clear, element } = Boxoffice;
  const venues = new Map();       // venue id -> label, from the organizer's events and this browser

  function remembered() {
    try {
      return JSON.parse(localStorage.getItem('boxoffice.venues')) || [];
    } catch (unreadable) {
      return [];
    }
  }

  function remember(venue) {
    const kept = remembered().filter((known) => known.id !== venue.id);
    kept.push({ id: venue.id, label: venue.label });
    localStorage.setItem('boxoffice.venues', JSON.stringify(kept.slice(-50)));
  }

  function addVenue(id, label) {
    venues.set(id, label);
    const select = $('event-venue');
    const chosen = select.value;
    select.replaceChildren();
    for (const [venueId, name] of venues) {
      const option = element('option', name);
      option.value = venueId;
      select.append(option);
    }
    select.value = venues.has(chosen) ? chosen : id;
  }

  function sectionRow(code, name, price, rows, seats) {
    const row = element('tr');
    const cell = (type, value, attributes) => {
      const input = element('input');
      input.type = type;
      input.value = value;
      Object.assign(input, attributes);
      input.addEventListener('input', summarize);
      const td = element('td');
      td.append(input);
      row.append(td);
      return input;
    };
    cell('text', code, { className: 'code', required: true, maxLength: 8, size: 3, pattern: '[A-Za-z0-9]{1,8}' });
    cell('text', name, { className: 'name', maxLength: 100, size: 10 });
    cell('number', price, { className: 'price', required: true, min: 0, step: '0.01' });
    cell('number', rows, { className: 'rows', required: true, min: 1, max: 2000 });
    cell('number', seats, { className: 'seats', required: true, min: 1, max: 2000 });
    const remove = element('button', '✕');
    remove.type = 'button';
    remove.title = 'Remove this section';
    remove.addEventListener('click', () => { row.remove(); summarize(); });
    const td = element('td');
    td.append(remove);
    row.append(td);
    $('sections').append(row);
    summarize();
  }

  function layout() {
    return [...$('sections').rows].map((row) => {
      const value = (name) => row.querySelector('.' + name).value.trim();
      const rows = Number(value('rows'));
      const seats = Number(value('seats'));
      return {
        code: value('code'), name: value('name') || null, priceCents: Math.round(Number(value('price')) * 100),
        rows: Array.from({ length: rows > 0 && rows <= 2000 ? rows : 0 }, (_, i) => ({ label: String(i + 1), seats })),
      };
    });
  }

  function summarize() {
    const sections = layout();
    const seats = sections.reduce((total, section) => total + section.rows.reduce((n, row) => n + (row.seats || 0), 0), 0);
    $('layout-summary').textContent = sections.length + ' section(s), ' + seats + ' seats';
  }

  $('add-section').addEventListener('click', () => sectionRow(String.fromCharCode(65 + $('sections').rows.length), '', '30.00', 5, 10));

  $('venue-form').addEventListener('submit', async (submit) => {
    submit.preventDefault();
    clear($('venue-problem'));
    $('venue-created').hidden = true;
    try {
      const venue = await call('POST', '/api/venues', {
        name: $('venue-name').value, city: $('venue-city').value, address: $('venue-address').value || null,
        sections: layout(),
      });
      const label = venue.name + ', ' + venue.city;
      remember({ id: venue.id, label });
      addVenue(venue.id, label);
      $('venue-created').hidden = false;
      $('venue-created').textContent = 'Venue created: ' + label + ' (' + venue.capacity + ' seats). Create an event at it.';
    } catch (failure) {
      showProblem($('venue-problem'), failure);
    }
  });

  // datetime-local gives the browser's local time; the API takes instants.
  const instant = (value) => (value ? new Date(value).toISOString() : null);

  $('event-form').addEventListener('submit', async (submit) => {
    submit.preventDefault();
    clear($('event-problem'));
    try {
      await call('POST', '/api/events', {
        venueId: $('event-venue').value, title: $('event-title').value,
        description: $('event-description').value || null, category: $('event-category').value,
        startsAt: instant($('event-starts').value), endsAt: instant($('event-ends').value),
        currency: $('event-currency').value.toUpperCase(),
      });
      $('event-form').reset();
      document.dispatchEvent(new CustomEvent('boxoffice:changed'));
    } catch (failure) {
      showProblem($('event-problem'), failure);
    }
  });

  document.addEventListener('boxoffice:events', (message) => {
    for (const event of message.detail) addVenue(event.venue.id, event.venue.name + ', ' + event.venue.city);
  });

  for (const venue of remembered()) addVenue(venue.id, venue.label);
  sectionRow('A', 'Stalls', '45.00', 4, 12);
  sectionRow('B', 'Balcony', '25.00', 2, 10);
})();
