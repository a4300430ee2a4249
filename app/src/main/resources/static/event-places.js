// The seat-map page's "Places without a seat": a card per general-admission ticket type
// with its price now (the tier in force), its tiers, the places left and a quantity
// picker. It keeps the counts of the event's pools, types and limited tiers (seated ones
// too), taken from the event view and kept live from the seat stream's `pool` events.
const Places = (() => {
  const { element, money } = Boxoffice;
  const placeTypes = [];            // the general-admission ticket types
  const placeCards = new Map();     // type id -> its card's parts
  const asked = new Map();          // type id -> places the buyer asks for
  const counts = new Map();         // pool, GA type or limited tier id -> { available, held, sold }
  const changes = new Map();        // id -> pool events seen, so an older recount cannot undo one
  let event = null;
  let page = null;                  // { most, buying(), seatsChosen(), changed() } from the seat page

  // The tier in force, as the service prices one ticket: tiers in order, passing over
  // those whose date is over and the limited ones with nothing left; none: the type's price.
  function tierNow(type) {
    for (const tier of type.tiers) {
      if (tier.until && new Date(tier.until) <= Date.now()) continue;
      if (tier.quantity == null) return tier;
      const left = counts.get(tier.id);
      if (!left || left.available > 0) return tier;
    }
    return null;
  }

  function priceNow(type) {
    const tier = tierNow(type);
    return { cents: tier ? tier.priceCents : type.basePriceCents, tier };
  }

  /** All the places the buyer asks for, of every type. */
  function wanted() {
    let sum = 0;
    for (const quantity of asked.values()) if (Number.isFinite(quantity)) sum += quantity;
    return sum;
  }

  /** The places left: the type's own, and no more than any of its pools has. */
  function placesLeft(type) {
    const own = counts.get(type.id);
    if (!own) return null;
    return Math.min(own.available, ...type.pools.map((pool) => (counts.get(pool) || own).available));
  }

  /** The most places of the type this buyer may ask for now. */
  function mostPlaces(type) {
    const left = placesLeft(type);
    const others = wanted() - (asked.get(type.id) || 0) + page.seatsChosen();
    return Math.max(0, Math.min(type.maxPerOrder || page.most, left == null ? 0 : left, page.most - others));
  }

  /** Why the places asked for of the type cannot be held; null when they can. */
  function placeProblem(type) {
    const quantity = asked.get(type.id) || 0;
    const left = placesLeft(type);
    if (quantity === 0) return null;
    if (!Number.isInteger(quantity) || quantity < 0) return 'Choose a whole number of places.';
    if (type.minPerOrder && quantity < type.minPerOrder) return 'At least ' + type.minPerOrder + ' to an order.';
    if (type.maxPerOrder && quantity > type.maxPerOrder) return 'At most ' + type.maxPerOrder + ' to an order.';
    if (left != null && quantity > left) return 'Only ' + left + ' left.';
    if (page.seatsChosen() + wanted() > page.most) return 'At most ' + page.most + ' seats and places in one hold.';
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
      asked.set(type.id, input.value === '' ? 0 : Number(input.value));
      page.changed();
    });
    less.addEventListener('click', () => step(type, -1));
    more.addEventListener('click', () => step(type, 1));
    placeCards.set(type.id, { price, tierName, tiers, left, input, less, more, hint });
    return card;
  }

  // A step skips what an order may not have: below its least, the next is none.
  function step(type, by) {
    const least = type.minPerOrder || 1;
    const now = asked.get(type.id) || 0;
    let next = Math.max(0, Math.min(now + by, mostPlaces(type)));
    if (next > 0 && next < least) next = by > 0 ? (least <= mostPlaces(type) ? least : now) : 0;
    asked.set(type.id, next);
    placeCards.get(type.id).input.value = String(next);
    page.changed();
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

  function showTiers(type, parts, tier) {
    parts.tiers.replaceChildren(...type.tiers.map((each) => tierLine(each, tier)));
    if (!type.tiers.length) return;
    const base = element('li', undefined, 'tier' + (tier ? '' : ' current'));
    base.append(element('span', 'Then'), ' ', element('b', money(type.basePriceCents, event.currency)));
    if (!tier) base.append(' ', element('span', 'now', 'badge'));
    parts.tiers.append(base);
  }

  /** Brings every card up to date: price, tiers, places left and what the picker allows. */
  function show() {
    for (const type of placeTypes) {
      const parts = placeCards.get(type.id);
      const { cents, tier } = priceNow(type);
      const left = placesLeft(type);
      parts.price.textContent = money(cents, event.currency);
      parts.tierName.textContent = tier ? tier.name : '';
      showTiers(type, parts, tier);
      parts.left.replaceChildren();
      if (left == null) parts.left.textContent = event.status === 'ON_SALE' ? 'Places left: –' : '';
      else if (left === 0) parts.left.append(element('b', 'Sold out'));
      else parts.left.append(element('b', String(left), 'places-left'), ' left');
      const open = page.buying() && left > 0;
      const quantity = asked.get(type.id) || 0;
      parts.input.disabled = !open;
      parts.input.max = String(Math.max(quantity, mostPlaces(type)));
      parts.less.disabled = !open || quantity === 0;
      parts.more.disabled = !open || quantity >= mostPlaces(type);
      const problem = page.buying() ? placeProblem(type) : null;
      parts.hint.textContent = problem || rule(type);
      parts.hint.classList.toggle('bad', Boolean(problem));
      parts.input.setAttribute('aria-invalid', problem ? 'true' : 'false');
    }
  }

  /** The counts an event view shows, except for those the stream changed since `seen` (a mark). */
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

  /** The event's general-admission ticket types. */
  function types() {
    return placeTypes;
  }

  /** Draws a card per general-admission type of the event, with what the seat page lends. */
  function setUp(view, seatPage) {
    event = view;
    page = seatPage;
    for (const type of event.ticketTypes || []) {
      if (type.kind !== 'SEATED') placeTypes.push(Object.assign({ pools: [] }, type));
    }
    takeCounts(event, new Map());
    for (const type of placeTypes) document.getElementById('place-types').append(placeCard(type));
    document.getElementById('places').hidden = placeTypes.length === 0;
  }

  /** Where the stream's pool events are now, for a later `takeCounts`. */
  function mark() {
    return new Map(changes);
  }

  /** A `pool` event of the seat stream: the new counts of a pool, a type or a tier. */
  function applyPool(change) {
    counts.set(change.id, { available: change.available, held: change.held, sold: change.sold });
    changes.set(change.id, (changes.get(change.id) || 0) + 1);
  }

  /** What the buyer asks for, as the cart lists it: "Standing × 2". */
  function choice() {
    return placeTypes.filter((type) => (asked.get(type.id) || 0) > 0)
      .map((type) => type.name + ' × ' + asked.get(type.id));
  }

  /** Whether some of the places asked for cannot be held. */
  function blocked() {
    return placeTypes.some((type) => placeProblem(type));
  }

  /** The places a hold asks for: [{ticketTypeId, quantity}]. */
  function items() {
    return placeTypes.filter((type) => asked.get(type.id) > 0)
      .map((type) => ({ ticketTypeId: type.id, quantity: asked.get(type.id) }));
  }

  /** Once a hold has taken them, no places are asked for any more. */
  function clear() {
    asked.clear();
    for (const parts of placeCards.values()) parts.input.value = '0';
  }

  return { setUp, types, tierNow, show, applyPool, mark, takeCounts, wanted, choice, blocked, items, clear };
})();
