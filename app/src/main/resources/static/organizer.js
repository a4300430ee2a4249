// The organizer's dashboard: every event of theirs (drafts, on sale, cancelled) with live
// seat counts, polled every few seconds; publish, cancel, the audit of an event, and its
// sales (organizer-analytics.js).
(function () {
  const $ = (id) => document.getElementById(id);
  const { call, showProblem, clear, element } = Boxoffice;
  const POLL_MS = 3000;
  const rows = new Map();        // event id -> {event, row}
  let timer = null;

  async function mine(status) {
    const events = [];
    let cursor = null;
    do {
      const query = new URLSearchParams({ mine: 'true', status, limit: '100' });
      if (cursor) query.set('cursor', cursor);
      const page = await call('GET', '/api/events?' + query);
      events.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && events.length < 1000);
    return events;
  }

  async function load() {
    clear($('events-problem'));
    try {
      const lists = await Promise.all(['DRAFT', 'ON_SALE', 'CANCELLED'].map(mine));
      const events = lists.flat().sort((a, b) => a.startsAt.localeCompare(b.startsAt));
      draw(events);
      document.dispatchEvent(new CustomEvent('boxoffice:events', { detail: events }));
      await poll();
    } catch (failure) {
      showProblem($('events-problem'), failure);
    }
  }

  function draw(events) {
    const body = $('events').tBodies[0];
    body.replaceChildren();
    rows.clear();
    $('no-events').hidden = events.length > 0;
    for (const event of events) {
      const row = document.createElement('tr');
      row.dataset.event = event.id;
      const title = element('td');
      const link = element('a', event.title);
      link.href = '/events/' + event.id;
      title.append(link, element('div', event.venue.name + ', ' + event.venue.city, 'hint'));
      row.append(title, element('td', event.status.replace('_', ' ').toLowerCase(), 'status ' + event.status),
        element('td', new Date(event.startsAt).toLocaleString()));
      for (const count of ['capacity', 'sold', 'held', 'available']) row.append(element('td', '–', 'count ' + count));
      row.append(actions(event));
      body.append(row);
      rows.set(event.id, { event, row });
    }
  }

  function actions(event) {
    const cell = element('td', undefined, 'actions');
    if (event.status === 'DRAFT') cell.append(button('Publish', 'publish', () => change(event, 'publish')));
    if (event.status === 'ON_SALE') {
      const cancel = button('Cancel event', 'cancel', () => {
        // Cancelling refunds every buyer: a second click, on the same button, confirms it.
        if (cancel.dataset.armed) return change(event, 'cancel');
        cancel.dataset.armed = 'yes';
        cancel.textContent = 'Confirm: cancel and refund';
      });
      cell.append(cancel);
    }
    if (event.status !== 'DRAFT') {
      cell.append(button('Sales', 'analytics',
        () => document.dispatchEvent(new CustomEvent('boxoffice:analytics', { detail: event }))));
      cell.append(button('Audit', 'audit', () => audit(event)));
    }
    return cell;
  }

  function button(label, action, onClick) {
    const node = element('button', label);
    node.type = 'button';
    node.dataset.action = action;
    node.addEventListener('click', onClick);
    return node;
  }

  async function change(event, action) {
    try {
      await call('POST', '/api/events/' + event.id + '/' + action);
      await load();
    } catch (failure) {
      showProblem($('events-problem'), failure);
    }
  }

  // Counts come from the event itself; a cancelled event's no longer change.
  async function poll() {
    clearTimeout(timer);
    const live = [...rows.values()].filter(({ event }) => event.status === 'ON_SALE' || !event.polled);
    try {
      await Promise.all(live.map(async (entry) => {
        const fresh = await call('GET', '/api/events/' + entry.event.id);
        entry.event.polled = true;
        const counts = fresh.counts || {};
        for (const name of ['capacity', 'sold', 'held', 'available']) {
          entry.row.querySelector('.count.' + name).textContent = counts[name] !== undefined ? counts[name] : '–';
        }
      }));
      $('refreshed').textContent = 'live · updated ' + new Date().toLocaleTimeString();
    } catch (failure) {
      showProblem($('events-problem'), failure);
      if (failure instanceof Boxoffice.SessionExpired) return;
    }
    timer = setTimeout(poll, POLL_MS);
  }

  async function audit(event) {
    const box = $('audit');
    box.hidden = false;
    box.replaceChildren(element('h2', 'Audit: ' + event.title), element('p', 'Checking…'));
    try {
      const report = await call('GET', '/api/admin/events/' + event.id + '/audit');
      const verdict = element('p', report.ok ? 'Every invariant holds.' : 'Some invariants FAILED.',
        'verdict ' + (report.ok ? 'ok' : 'failed'));
      verdict.append(element('span', ' Checked ' + new Date(report.checkedAt).toLocaleString() + '.', 'hint'));
      const table = element('table', undefined, 'audit-table');
      const head = element('tr');
      for (const name of ['Invariant', 'Rule', 'Value', 'Result']) head.append(element('th', name));
      table.append(element('thead'), element('tbody'));
      table.tHead.append(head);
      for (const check of report.checks) {
        const row = element('tr', undefined, check.ok ? 'ok' : 'failed');
        row.dataset.check = check.name;
        row.append(element('td', check.name), element('td', check.rule), element('td', String(check.value)),
          element('td', check.ok ? 'ok' : 'FAILED', 'result'));
        table.tBodies[0].append(row);
      }
      const scroll = element('div', undefined, 'scroll');
      scroll.append(table);
      box.replaceChildren(element('h2', 'Audit: ' + event.title), verdict, scroll);
    } catch (failure) {
      const problem = element('div');
      box.replaceChildren(element('h2', 'Audit: ' + event.title), problem);
      showProblem(problem, failure);
    }
  }

  function gate(message, withLink) {
    const box = $('gate');
    box.hidden = false;
    box.replaceChildren(message);
    if (withLink) {
      const link = element('a', 'Sign in');
      link.href = '/signin?next=/organizer';
      box.append(' ', link);
    }
  }

  async function start(account) {
    const allowed = account && (account.roles.includes('ORGANIZER') || account.roles.includes('ADMIN'));
    $('dashboard').hidden = $('forms').hidden = !allowed;
    clearTimeout(timer);
    if (!account && Boxoffice.sessionExpired()) return showProblem($('gate'), new Boxoffice.SessionExpired(401, {}));
    if (!account) return gate('Sign in as an organizer to see your events.', true);
    if (!allowed) return gate('This account is not an organizer: an administrator grants the role.', false);
    $('gate').hidden = true;
    await load();
  }

  document.addEventListener('boxoffice:changed', load);
  Boxoffice.accountBar(start).then(start);
})();
