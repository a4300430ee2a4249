// The live seat map of one event: draws every seat, then keeps it current from the
// seat stream (EventSource reconnects by itself and resumes with Last-Event-ID). Beside
// the map, the event's places without a seat (event-places.js, fed the stream's `pool`
// events). A signed-in buyer chooses seats and/or places, holds them (with a countdown)
// and buys.
(function () {
  const eventId = location.pathname.split('/').pop();
  const { call, showProblem, clear, element, money } = Boxoffice;
  // What one hold may take at most, seats and places together (the service's default).
  const MOST_IN_HOLD = 10;
  const seats = new Map();          // seat id -> button
  const chosen = new Set();
  const mine = new Set();
  const sectionNames = new Map();   // section code -> name
  const sectionHeads = new Map();   // section code -> { heading, seatPrice }
  const seatedTypes = new Map();    // section code -> its seated ticket type
  let event = null;
  let hold = null;
  let asking = false;               // a hold is being asked for
  let ticking = null;
  let tierTimer = null;
  const $ = (id) => document.getElementById(id);

  function setStatus(id, status) {
    const button = seats.get(id);
    if (!button) return;
    button.className = 'seat ' + status + (mine.has(id) ? ' mine' : '') + (chosen.has(id) ? ' chosen' : '');
    button.dataset.status = status;
    button.title = id + ' — ' + status.toLowerCase();
  }

  function count() {
    const totals = { AVAILABLE: 0, HELD: 0, SOLD: 0 };
    for (const button of seats.values()) totals[button.dataset.status]++;
    $('available').textContent = totals.AVAILABLE;
    $('held').textContent = totals.HELD;
    $('sold').textContent = totals.SOLD;
  }

  function sectionLabel(code) {
    const name = sectionNames.get(code);
    return name ? name + ' (' + code + ')' : 'Section ' + code;
  }

  /** What a section's seats cost now: its type's tier in force, else the seat's own price. */
  function sectionPrice(code, seatPrice) {
    const type = seatedTypes.get(code);
    const tier = type && type.tiers.length ? Places.tierNow(type) : null;
    return tier ? money(tier.priceCents, event.currency) + ' (' + tier.name + ')' : money(seatPrice, event.currency);
  }

  function showSectionPrices() {
    $('prices').replaceChildren();
    for (const [code, head] of sectionHeads) {
      head.heading.textContent = sectionLabel(code) + ' — ' + sectionPrice(code, head.seatPrice);
      $('prices').append(element('li', sectionLabel(code) + ': ' + sectionPrice(code, head.seatPrice)));
    }
  }

  function draw(list) {
    const sections = new Map();
    for (const seat of list) {
      if (!sections.has(seat.section)) {
        const box = element('div', undefined, 'section');
        const heading = element('h3');
        box.append(heading);
        sections.set(seat.section, { box, rows: new Map() });
        sectionHeads.set(seat.section, { heading, seatPrice: seat.priceCents });
        $('map').append(box);
      }
      const section = sections.get(seat.section);
      if (!section.rows.has(seat.row)) {
        const row = element('div', undefined, 'row');
        row.append(element('span', seat.row, 'label'));
        section.rows.set(seat.row, row);
        section.box.append(row);
      }
      const button = element('button');
      button.type = 'button';
      button.dataset.seat = seat.id;
      button.addEventListener('click', () => choose(seat.id));
      section.rows.get(seat.row).append(button);
      seats.set(seat.id, button);
      setStatus(seat.id, seat.status);
    }
    showSectionPrices();
    count();
    if (list.length === 0 && Places.types().length) {
      // Places only: no seat map to show, and no seats to count.
      $('no-seats').hidden = false;
      $('map').hidden = true;
      $('event').classList.add('places-only');
      $('cart-title').textContent = 'Your places';
      for (const key of document.querySelectorAll('.counter > span:not(.connection)')) key.hidden = true;
    }
  }

  function buying() {
    return Boolean(Boxoffice.tokens()) && !hold && event.status === 'ON_SALE' && !$('cart').hidden;
  }

  function choose(id) {
    const button = seats.get(id);
    if (!buying() || button.dataset.status !== 'AVAILABLE') return;
    if (chosen.has(id)) chosen.delete(id); else if (chosen.size + Places.wanted() < MOST_IN_HOLD) chosen.add(id);
    setStatus(id, button.dataset.status);
    showChoice();
  }

  function setUpTypes() {
    for (const type of event.ticketTypes || []) {
      if (type.kind === 'SEATED') for (const code of type.sections || []) seatedTypes.set(code, type);
    }
    Places.setUp(event, { most: MOST_IN_HOLD, buying, seatsChosen: () => chosen.size, changed: showChoice });
    if (Places.types().length) $('cart-title').textContent = 'Your seats and places';
    Places.show();
    nextTierChange();
  }

  // The snapshot carries seats only: places are counted again from the event.
  async function recount() {
    const limited = [...seatedTypes.values()].some((type) => type.tiers.some((tier) => tier.quantity != null));
    if (!Places.types().length && !limited) return;
    const seen = Places.mark();
    const fresh = await Boxoffice.publicGet('/api/events/' + eventId).catch(() => null);
    if (!fresh) return;
    Places.takeCounts(fresh, seen);
    showPrices();
  }

  // A tier with a date ends by itself: show the next price when it does.
  function nextTierChange() {
    clearTimeout(tierTimer);
    const ends = [...Places.types(), ...seatedTypes.values()]
      .flatMap((type) => type.tiers)
      .map((tier) => tier.until && new Date(tier.until) - Date.now())
      .filter((wait) => wait > 0);
    if (!ends.length) return;
    tierTimer = setTimeout(() => { showPrices(); nextTierChange(); }, Math.min(...ends, 2 ** 31 - 1) + 500);
  }

  // During a hold the cart shows what it holds; otherwise what the buyer may ask for.
  function showPrices() {
    showSectionPrices();
    if (hold) Places.show(); else showChoice();
  }

  function typeName(id) {
    const type = (event.ticketTypes || []).find((each) => each.id === id);
    return type ? type.name : 'Place';
  }

  // --- The cart ---------------------------------------------------------------------

  function showChoice() {
    const parts = [...chosen, ...Places.choice()];
    const hint = seats.size ? (Places.types().length ? 'Tap free seats, or choose places.' : 'Tap free seats to choose them.')
      : 'Choose how many places you want.';
    $('selection').textContent = parts.length ? parts.join(', ') : hint;
    $('hold').disabled = asking || !buying() || parts.length === 0 || Places.blocked();
    Places.show();
  }

  function listen() {
    const stream = new EventSource('/api/events/' + eventId + '/seats/stream');
    stream.onopen = () => { $('connection').textContent = 'live'; };
    stream.onerror = () => { $('connection').textContent = 'reconnecting…'; };
    stream.addEventListener('snapshot', (message) => {
      const snapshot = JSON.parse(message.data);
      const held = new Set(snapshot.held);
      const sold = new Set(snapshot.sold);
      for (const id of seats.keys()) setStatus(id, sold.has(id) ? 'SOLD' : held.has(id) ? 'HELD' : 'AVAILABLE');
      count();
      recount();
    });
    stream.addEventListener('seat', (message) => {
      const change = JSON.parse(message.data);
      setStatus(change.seatId, change.status);
      count();
    });
    stream.addEventListener('pool', (message) => {
      const change = JSON.parse(message.data);
      Places.applyPool(change);
      showPrices();
    });
    stream.addEventListener('end', () => { stream.close(); setTimeout(listen, 1000); });
  }

  function tick() {
    const left = Math.max(0, Math.round((new Date(hold.expiresAt) - Date.now()) / 1000));
    $('countdown').textContent = 'Held for ' + Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
    if (left === 0) {
      endHold();
      $('message').textContent = 'Your hold expired: the seats and places are on sale again.';
    }
  }

  function endHold() {
    clearInterval(ticking);
    hold = null;
    const released = [...mine];
    mine.clear();
    for (const id of released) setStatus(id, seats.get(id).dataset.status);
    $('countdown').hidden = true;
    $('buy').disabled = true;
    $('release').hidden = true;
    if (event) showChoice();
  }

  function showTickets(order) {
    const list = $('ticket-list');
    list.replaceChildren();
    for (const ticket of order.tickets) {
      const item = element('li');
      item.append(element('b', ticket.seatId || typeName(ticket.ticketTypeId)), ' ', element('code', ticket.code));
      list.append(item);
    }
    $('tickets').hidden = false;
  }

  /** What the hold took: "2 seat(s): €91.00", "2 place(s): …", or both. */
  function holdSummary(taken) {
    const places = (taken.items || []).filter((item) => !item.seated);
    const placeCount = places.reduce((sum, item) => sum + item.quantity, 0);
    const what = [];
    if (taken.seats.length || !placeCount) what.push(taken.seats.length + ' seat(s)');
    if (placeCount) what.push(placeCount + ' place(s)');
    const lines = places.map((item) => {
      const type = Places.types().find((each) => each.id === item.ticketTypeId);
      const tier = type && type.tiers.find((each) => each.id === item.tierId);
      return typeName(item.ticketTypeId) + ' × ' + item.quantity + ' at ' + money(item.priceCents, taken.currency)
        + (tier ? ' (' + tier.name + ')' : '');
    });
    return { message: what.join(' and ') + ': ' + money(taken.totalCents, taken.currency),
      selection: [...taken.seats.map((seat) => seat.id), ...lines].join(', ') };
  }

  async function attempt(action) {
    clear($('problem'));
    try {
      await action();
    } catch (failure) {
      showProblem($('problem'), failure);
      // Seats someone else took are no longer the buyer's choice.
      for (const id of (failure.problem && failure.problem.unavailableSeats) || []) {
        chosen.delete(id);
        setStatus(id, seats.get(id) ? seats.get(id).dataset.status : 'HELD');
      }
      if (!hold) showChoice();
    }
  }

  $('hold').addEventListener('click', () => attempt(async () => {
    const items = Places.items();
    const request = Object.assign(chosen.size ? { seatIds: [...chosen] } : {}, items.length ? { items } : {});
    $('hold').disabled = true;
    asking = true;
    try {
      hold = await call('POST', '/api/events/' + eventId + '/holds', request);
    } finally {
      asking = false;
    }
    for (const id of chosen) mine.add(id);
    chosen.clear();
    Places.clear();
    for (const id of mine) setStatus(id, seats.get(id).dataset.status);
    const summary = holdSummary(hold);
    $('message').textContent = summary.message;
    $('selection').textContent = summary.selection;
    $('hold').disabled = true;
    $('buy').disabled = false;
    $('release').hidden = false;
    $('countdown').hidden = false;
    Places.show();
    tick();
    ticking = setInterval(tick, 1000);
  }));

  $('buy').addEventListener('click', () => attempt(async () => {
    const holdId = hold.holdId;
    $('buy').disabled = true;
    try {
      const order = await call('POST', '/api/holds/' + holdId + '/purchase', { paymentToken: 'tok_ok' },
        { 'Idempotency-Key': crypto.randomUUID() });
      endHold();
      $('message').textContent = 'Bought: ' + order.tickets.length + ' ticket(s), '
        + money(order.totalCents, order.currency) + '. Order ' + order.orderId;
      showTickets(order);
    } finally {
      if (hold) $('buy').disabled = false;
    }
  }));

  $('release').addEventListener('click', () => attempt(async () => {
    await call('DELETE', '/api/holds/' + hold.holdId);
    endHold();
    $('message').textContent = 'Released.';
  }));

  $('signin').addEventListener('submit', async (submit) => {
    submit.preventDefault();
    try {
      await Boxoffice.signIn($('email').value, $('password').value);
      clear($('signin-problem'));
      signedIn(true);
      Boxoffice.accountBar(signedIn);
    } catch (failure) {
      showProblem($('signin-problem'), failure);
    }
  });

  function signedIn(account) {
    const onSale = event && event.status === 'ON_SALE';
    $('signin').hidden = !onSale || Boolean(account);
    $('cart').hidden = !onSale || !account;
    if (!account) endHold();
    if (event) showChoice();
  }

  async function start() {
    try {
      // With a token, an organizer also sees their own draft here.
      event = await call('GET', '/api/events/' + eventId).catch((failure) => {
        if (!(failure instanceof Boxoffice.SessionExpired)) throw failure;
        showProblem($('signin-problem'), failure);
        return Boxoffice.publicGet('/api/events/' + eventId);
      });
    } catch (failure) {
      const missing = failure instanceof Boxoffice.ApiError && (failure.status === 404 || failure.status === 400);
      if (missing) $('missing').hidden = false; else showProblem($('page-problem'), failure);
      Boxoffice.accountBar();
      return;
    }
    document.title = 'Boxoffice — ' + event.title;
    $('title').textContent = event.title;
    $('when').textContent = event.venue.name + ', ' + event.venue.city + ' — ' + new Date(event.startsAt).toLocaleString();
    $('cancelled').hidden = event.status !== 'CANCELLED';
    $('event').hidden = false;
    setUpTypes();
    const venue = await Boxoffice.publicGet('/api/venues/' + event.venue.id).catch(() => ({ sections: [] }));
    for (const section of venue.sections) if (section.name) sectionNames.set(section.code, section.name);
    draw(await Boxoffice.publicGet('/api/events/' + eventId + '/seats'));
    listen();
    signedIn(await Boxoffice.accountBar(signedIn));
  }

  start().catch((failure) => showProblem($('page-problem'), failure));
})();
