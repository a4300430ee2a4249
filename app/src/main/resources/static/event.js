// The live seat map of one event: draws every seat, then keeps it current from the
// seat stream (EventSource reconnects by itself and resumes with Last-Event-ID). Beside
// the map, the event's general-admission ticket types: their price now (the tier in
// force), the places left (live from the stream's `pool` events) and a quantity picker.
// A signed-in buyer chooses seats and/or places, holds them (with a countdown) and buys.
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
  const placeTypes = [];            // the general-admission ticket types
  const placeCards = new Map();     // type id -> its card's parts
  const wanted = new Map();         // type id -> places the buyer asks for
  const counts = new Map();         // pool, GA type or limited tier id -> { available, held, sold }
  const changes = new Map();        // id -> pool events seen, so an older recount cannot undo one
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

  // The tier in force, as the service prices one ticket: tiers in order, passing over
  // those whose date is over and the limited ones with nothing left; none: the type's price.
  function currentTier(type) {
    for (const tier of type.tiers) {
      if (tier.until && new Date(tier.until) <= Date.now()) continue;
      if (tier.quantity == null) return tier;
      const left = counts.get(tier.id);
      if (!left || left.available > 0) return tier;
    }
    return null;
  }

  function priceNow(type) {
    const tier = currentTier(type);
    return { cents: tier ? tier.priceCents : type.basePriceCents, tier };
  }

  /** What a section's seats cost now: its type's tier in force, else the seat's own price. */
  function sectionPrice(code, seatPrice) {
    const type = seatedTypes.get(code);
    const tier = type && type.tiers.length ? currentTier(type) : null;
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
    if (list.length === 0 && placeTypes.length) {
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

  function placesWanted() {
    let total = 0;
    for (const quantity of wanted.values()) if (Number.isFinite(quantity)) total += quantity;
    return total;
  }

  function choose(id) {
    const button = seats.get(id);
    if (!buying() || button.dataset.status !== 'AVAILABLE') return;
    if (chosen.has(id)) chosen.delete(id); else if (chosen.size + placesWanted() < MOST_IN_HOLD) chosen.add(id);
    setStatus(id, button.dataset.status);
    showChoice();
  }

  // --- Places without a seat (general admission) ----------------------------------

  /** The places left: the type's own, and no more than any of its pools has. */
  function placesLeft(type) {
    const own = counts.get(type.id);
    if (!own) return null;
    return Math.min(own.available, ...type.pools.map((pool) => (counts.get(pool) || own).available));
  }

  /** The most places of the type this buyer may ask for now. */
  function mostPlaces(type) {
    const left = placesLeft(type);
    const others = placesWanted() - (wanted.get(type.id) || 0) + chosen.size;
    return Math.max(0, Math.min(type.maxPerOrder || MOST_IN_HOLD, left == null ? 0 : left, MOST_IN_HOLD - others));
  }

  /** Why the places asked for of the type cannot be held; null when they can. */
  function placeProblem(type) {
    const quantity = wanted.get(type.id) || 0;
    const left = placesLeft(type);
    if (quantity === 0) return null;
    if (!Number.isInteger(quantity) || quantity < 0) return 'Choose a whole number of places.';
    if (type.minPerOrder && quantity < type.minPerOrder) return 'At least ' + type.minPerOrder + ' to an order.';
    if (type.maxPerOrder && quantity > type.maxPerOrder) return 'At most ' + type.maxPerOrder + ' to an order.';
    if (left != null && quantity > left) return 'Only ' + left + ' left.';
    if (chosen.size + placesWanted() > MOST_IN_HOLD) {
      return 'At most ' + MOST_IN_HOLD + ' seats and places in one hold.';
    }
    return null;
  }

  function rule(type) {
    const least = type.minPerOrder || 1;
    return type.maxPerOrder ? least + '–' + type.maxPerOrder + ' to an order' : 'At least ' + least + ' to an order';
  }

  function placeCard(type) {
    const card = element('div', undefined, 'place-type');
    card.dataset.type = type.id;
    const head = element('p', undefined, 'place-head');
    const price = element('b', undefined, 'place-price');
    const tierName = element('span', undefined, 'tier-name');
    head.append(element('strong', type.name, 'place-name'), ' ', price, ' ', tierName);
    const tiers = element('ul', undefined, 'tiers');
    const left = element('p', undefined, 'place-left');
    const less = element('button', '−');
    const more = element('button', '+');
    const input = element('input');
    const hint = element('p', rule(type), 'hint place-rule');
    less.type = more.type = 'button';
    less.dataset.step = '-1';
    more.dataset.step = '1';
    less.setAttribute('aria-label', 'One place fewer of ' + type.name);
    more.setAttribute('aria-label', 'One place more of ' + type.name);
    Object.assign(input, { type: 'number', inputMode: 'numeric', min: '0', step: '1', value: '0' });
    input.setAttribute('aria-label', 'Places of ' + type.name);
    const picker = element('div', undefined, 'picker');
    picker.append(less, input, more);
    hint.id = 'hint-' + type.id;
    input.setAttribute('aria-describedby', hint.id);
    card.append(head, tiers, left, picker, hint);
    input.addEventListener('input', () => {
      wanted.set(type.id, input.value === '' ? 0 : Number(input.value));
      showChoice();
    });
    less.addEventListener('click', () => step(type, -1));
    more.addEventListener('click', () => step(type, 1));
    placeCards.set(type.id, { price, tierName, tiers, left, input, less, more, hint });
    return card;
  }

  // A step skips what an order may not have: below its least, the next is none.
  function step(type, by) {
    const least = type.minPerOrder || 1;
    const now = wanted.get(type.id) || 0;
    let next = Math.max(0, Math.min(now + by, mostPlaces(type)));
    if (next > 0 && next < least) next = by > 0 ? (least <= mostPlaces(type) ? least : now) : 0;
    wanted.set(type.id, next);
    placeCards.get(type.id).input.value = String(next);
    showChoice();
  }

  function tierLine(tier, current) {
    const line = element('li', undefined, 'tier' + (tier === current ? ' current' : ''));
    const left = counts.get(tier.id);
    const over = tier.until && new Date(tier.until) <= Date.now();
    line.append(element('span', tier.name), ' ', element('b', money(tier.priceCents, event.currency)));
    if (tier === current) line.append(' ', element('span', 'now', 'badge'));
    let note = '';
    if (over) note = 'ended';
    else if (left && left.available <= 0) note = 'sold out';
    else if (left) note = left.available + ' of ' + tier.quantity + ' left at this price';
    if (!over && tier.until) note += (note ? ', ' : '') + 'until ' + new Date(tier.until).toLocaleString();
    if (note) line.append(element('span', ' — ' + note, 'hint'));
    if (over || (left && left.available <= 0)) line.classList.add('past');
    return line;
  }

  function showPlaces() {
    for (const type of placeTypes) {
      const card = placeCards.get(type.id);
      const { cents, tier } = priceNow(type);
      const left = placesLeft(type);
      card.price.textContent = money(cents, event.currency);
      card.tierName.textContent = tier ? tier.name : '';
      card.tiers.replaceChildren(...type.tiers.map((each) => tierLine(each, tier)));
      if (type.tiers.length) {
        const base = element('li', undefined, 'tier' + (tier ? '' : ' current'));
        base.append(element('span', 'Then'), ' ', element('b', money(type.basePriceCents, event.currency)));
        if (!tier) base.append(' ', element('span', 'now', 'badge'));
        card.tiers.append(base);
      }
      card.left.replaceChildren();
      if (left == null) card.left.textContent = event.status === 'ON_SALE' ? 'Places left: –' : '';
      else if (left === 0) card.left.append(element('b', 'Sold out'));
      else card.left.append(element('b', String(left), 'places-left'), ' left');
      const open = buying() && left > 0;
      const quantity = wanted.get(type.id) || 0;
      card.input.disabled = !open;
      card.input.max = String(Math.max(quantity, mostPlaces(type)));
      card.less.disabled = !open || quantity === 0;
      card.more.disabled = !open || quantity >= mostPlaces(type);
      const problem = buying() ? placeProblem(type) : null;
      card.hint.textContent = problem || rule(type);
      card.hint.classList.toggle('bad', Boolean(problem));
      card.input.setAttribute('aria-invalid', problem ? 'true' : 'false');
    }
  }

  function setUpTypes() {
    for (const type of event.ticketTypes || []) {
      if (type.kind === 'SEATED') for (const code of type.sections || []) seatedTypes.set(code, type);
      else placeTypes.push(Object.assign({ pools: [] }, type));
    }
    takeCounts(event, new Map());
    for (const type of placeTypes) $('place-types').append(placeCard(type));
    $('places').hidden = placeTypes.length === 0;
    if (placeTypes.length) $('cart-title').textContent = 'Your seats and places';
    showPlaces();
    nextTierChange();
  }

  /** The counts an event view shows, except for those the stream changed since `seen`. */
  function takeCounts(view, seen) {
    const take = (id, live) => {
      if (live && (changes.get(id) || 0) === (seen.get(id) || 0)) counts.set(id, live);
    };
    for (const pool of view.pools || []) take(pool.id, pool.counts);
    for (const type of view.ticketTypes || []) {
      if (type.kind !== 'SEATED') take(type.id, type.counts);
      for (const tier of type.tiers) take(tier.id, tier.counts);
    }
  }

  // The snapshot carries seats only: places are counted again from the event.
  async function recount() {
    const limited = [...seatedTypes.values()].some((type) => type.tiers.some((tier) => tier.quantity != null));
    if (!placeTypes.length && !limited) return;
    const seen = new Map(changes);
    const fresh = await Boxoffice.publicGet('/api/events/' + eventId).catch(() => null);
    if (!fresh) return;
    takeCounts(fresh, seen);
    showPrices();
  }

  // A tier with a date ends by itself: show the next price when it does.
  function nextTierChange() {
    clearTimeout(tierTimer);
    const ends = [...placeTypes, ...seatedTypes.values()]
      .flatMap((type) => type.tiers)
      .map((tier) => tier.until && new Date(tier.until) - Date.now())
      .filter((wait) => wait > 0);
    if (!ends.length) return;
    tierTimer = setTimeout(() => { showPrices(); nextTierChange(); }, Math.min(...ends, 2 ** 31 - 1) + 500);
  }

  // During a hold the cart shows what it holds; otherwise what the buyer may ask for.
  function showPrices() {
    showSectionPrices();
    if (hold) showPlaces(); else showChoice();
  }

  function typeName(id) {
    const type = (event.ticketTypes || []).find((each) => each.id === id);
    return type ? type.name : 'Place';
  }

  // --- The cart ---------------------------------------------------------------------

  function showChoice() {
    const parts = [...chosen];
    for (const type of placeTypes) {
      const quantity = wanted.get(type.id) || 0;
      if (quantity > 0) parts.push(type.name + ' × ' + quantity);
    }
    const hint = seats.size ? (placeTypes.length ? 'Tap free seats, or choose places.' : 'Tap free seats to choose them.')
      : 'Choose how many places you want.';
    $('selection').textContent = parts.length ? parts.join(', ') : hint;
    $('hold').disabled = asking || !buying() || parts.length === 0 || placeTypes.some((type) => placeProblem(type));
    showPlaces();
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
      counts.set(change.id, { available: change.available, held: change.held, sold: change.sold });
      changes.set(change.id, (changes.get(change.id) || 0) + 1);
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
      const type = placeTypes.find((each) => each.id === item.ticketTypeId);
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
    const items = placeTypes.filter((type) => wanted.get(type.id) > 0)
      .map((type) => ({ ticketTypeId: type.id, quantity: wanted.get(type.id) }));
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
    wanted.clear();
    for (const card of placeCards.values()) card.input.value = '0';
    for (const id of mine) setStatus(id, seats.get(id).dataset.status);
    const summary = holdSummary(hold);
    $('message').textContent = summary.message;
    $('selection').textContent = summary.selection;
    $('hold').disabled = true;
    $('buy').disabled = false;
    $('release').hidden = false;
    $('countdown').hidden = false;
    showPlaces();
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
