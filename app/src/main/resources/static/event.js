// The live seat map of one event: draws every seat, then keeps it current from the
// seat stream (EventSource reconnects by itself and resumes with Last-Event-ID).
(function () {
  const eventId = location.pathname.split('/').pop();
  const seats = new Map();          // seat id -> button
  const chosen = new Set();
  const mine = new Set();
  let token = sessionStorage.getItem('boxoffice.accessToken');
  let holdId = null;
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

  function draw(list) {
    const map = $('map');
    const sections = new Map();
    for (const seat of list) {
      if (!sections.has(seat.section)) {
        const box = document.createElement('div');
        box.className = 'section';
        const heading = document.createElement('h3');
        heading.textContent = 'Section ' + seat.section + ' — ' + (seat.priceCents / 100).toFixed(2);
        box.append(heading);
        sections.set(seat.section, { box, rows: new Map() });
        map.append(box);
      }
      const section = sections.get(seat.section);
      if (!section.rows.has(seat.row)) {
        const row = document.createElement('div');
        row.className = 'row';
        const label = document.createElement('span');
        label.className = 'label';
        label.textContent = seat.row;
        row.append(label);
        section.rows.set(seat.row, row);
        section.box.append(row);
      }
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.seat = seat.id;
      button.addEventListener('click', () => choose(seat.id));
      section.rows.get(seat.row).append(button);
      seats.set(seat.id, button);
      setStatus(seat.id, seat.status);
    }
    count();
  }

  function choose(id) {
    const button = seats.get(id);
    if (!token || holdId || button.dataset.status !== 'AVAILABLE') return;
    if (chosen.has(id)) chosen.delete(id); else if (chosen.size < 10) chosen.add(id);
    setStatus(id, button.dataset.status);
    $('selection').textContent = chosen.size ? [...chosen].join(', ') : 'Click free seats to choose them.';
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

  async function api(method, path, body, headers) {
    const response = await fetch(path, {
      method,
      headers: Object.assign({ 'Content-Type': 'application/json' }, token ? { Authorization: 'Bearer ' + token } : {}, headers || {}),
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : {};
    if (!response.ok) throw new Error(data.detail || data.title || response.statusText);
    return data;
  }

  function signedIn() {
    $('signin').hidden = true;
    $('cart').hidden = false;
  }

  $('signin').addEventListener('submit', async (submit) => {
    submit.preventDefault();
    try {
      const tokens = await api('POST', '/api/auth/login', { email: $('email').value, password: $('password').value });
      token = tokens.accessToken;
      sessionStorage.setItem('boxoffice.accessToken', token);
      signedIn();
    } catch (failure) {
      alert('Sign-in failed: ' + failure.message);
    }
  });

  $('hold').addEventListener('click', async () => {
    try {
      const hold = await api('POST', '/api/events/' + eventId + '/holds', { seatIds: [...chosen] });
      holdId = hold.holdId;
      for (const id of chosen) mine.add(id);
      chosen.clear();
      $('message').textContent = 'Held until ' + new Date(hold.expiresAt).toLocaleTimeString()
        + ': ' + (hold.totalCents / 100).toFixed(2) + ' ' + hold.currency;
      $('hold').disabled = true;
      $('buy').disabled = false;
    } catch (failure) {
      $('message').textContent = failure.message;
    }
  });

  $('buy').addEventListener('click', async () => {
    try {
      const order = await api('POST', '/api/holds/' + holdId + '/purchase', { paymentToken: 'tok_ok' },
        { 'Idempotency-Key': crypto.randomUUID() });
      $('message').textContent = 'Bought: ' + order.tickets.length + ' ticket(s). Order ' + order.orderId;
    } catch (failure) {
      $('message').textContent = failure.message;
    }
    holdId = null;
    mine.clear();
    $('buy').disabled = true;
  });

  (async function start() {
    const event = await api('GET', '/api/events/' + eventId);
    $('title').textContent = event.title;
    $('when').textContent = event.venue.name + ', ' + event.venue.city + ' — ' + new Date(event.startsAt).toLocaleString();
    draw(await api('GET', '/api/events/' + eventId + '/seats'));
    listen();
    if (token) signedIn();
  })();
})();
