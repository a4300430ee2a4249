// The live seat map of one event: draws every seat, then keeps it current from the
// seat stream (EventSource reconnects by itself and resumes with Last-Event-ID). A
// signed-in buyer chooses seats, holds them (with a countdown) and buys them.
(function () {
  const eventId = location.pathname.split('/').pop();
  const { call, showProblem, clear, element, money } = Boxoffice;
  const seats = new Map();          // seat id -> button
  const chosen = new Set();
  const mine = new Set();
  const sectionNames = new Map();   // section code -> name
  let event = null;
  let hold = null;
  let ticking = null;
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

  function draw(list) {
    const sections = new Map();
    const prices = new Map();
    for (const seat of list) {
      if (!sections.has(seat.section)) {
        const box = element('div', undefined, 'section');
        box.append(element('h3', sectionLabel(seat.section) + ' — ' + money(seat.priceCents, event.currency)));
        sections.set(seat.section, { box, rows: new Map() });
        $('map').append(box);
        prices.set(seat.section, seat.priceCents);
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
    for (const [code, cents] of prices) $('prices').append(element('li', sectionLabel(code) + ': ' + money(cents, event.currency)));
    count();
  }

  function choose(id) {
    const button = seats.get(id);
    if (!Boxoffice.tokens() || hold || event.status !== 'ON_SALE' || button.dataset.status !== 'AVAILABLE') return;
    if (chosen.has(id)) chosen.delete(id); else if (chosen.size < 10) chosen.add(id);
    setStatus(id, button.dataset.status);
    $('selection').textContent = chosen.size ? [...chosen].join(', ') : 'Tap free seats to choose them.';
    $('hold').disabled = chosen.size === 0;
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
    });
    stream.addEventListener('seat', (message) => {
      const change = JSON.parse(message.data);
      setStatus(change.seatId, change.status);
      count();
    });
    stream.addEventListener('end', () => { stream.close(); setTimeout(listen, 1000); });
  }

  function tick() {
    const left = Math.max(0, Math.round((new Date(hold.expiresAt) - Date.now()) / 1000));
    $('countdown').textContent = 'Held for ' + Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
    if (left === 0) {
      endHold();
      $('message').textContent = 'Your hold expired: the seats are on sale again.';
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
  }

  function showTickets(order) {
    const list = $('ticket-list');
    list.replaceChildren();
    for (const ticket of order.tickets) {
      const item = element('li');
      item.append(element('b', ticket.seatId), ' ', element('code', ticket.code));
      list.append(item);
    }
    $('tickets').hidden = false;
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
      $('hold').disabled = hold !== null || chosen.size === 0;
    }
  }

  $('hold').addEventListener('click', () => attempt(async () => {
    hold = await call('POST', '/api/events/' + eventId + '/holds', { seatIds: [...chosen] });
    for (const id of chosen) mine.add(id);
    chosen.clear();
    for (const id of mine) setStatus(id, seats.get(id).dataset.status);
    $('message').textContent = hold.seats.length + ' seat(s): ' + money(hold.totalCents, hold.currency);
    $('selection').textContent = hold.seats.map((seat) => seat.id).join(', ');
    $('hold').disabled = true;
    $('buy').disabled = false;
    $('release').hidden = false;
    $('countdown').hidden = false;
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
    const venue = await Boxoffice.publicGet('/api/venues/' + event.venue.id).catch(() => ({ sections: [] }));
    for (const section of venue.sections) if (section.name) sectionNames.set(section.code, section.name);
    draw(await Boxoffice.publicGet('/api/events/' + eventId + '/seats'));
    listen();
    signedIn(await Boxoffice.accountBar(signedIn));
  }

  start().catch((failure) => showProblem($('page-problem'), failure));
})();
