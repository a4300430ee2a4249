// An event's sales on the organizer's dashboard: the figures live from the analytics
// stream (read with the access token; when it cannot be read, the report is polled),
// and two charts drawn with Chart.js (vendored under /vendor): tickets and holds per
// minute, and the fill of each section.
(function () {
  const $ = (id) => document.getElementById(id);
  const { call, showProblem, element, money } = Boxoffice;
  const REPORT_MS = 5000;
  let shown = null;           // {event, stop}

  function figure(label, id) {
    const box = element('div', undefined, 'figure');
    box.append(element('span', label, 'hint'), element('strong', '–'));
    box.lastChild.id = id;
    return box;
  }

  function open(event) {
    if (shown) shown.stop();
    const box = $('analytics');
    box.hidden = false;
    const figures = element('div', undefined, 'figures');
    figures.append(figure('Tickets sold', 'a-sold'), figure('Net', 'a-net'), figure('Sales / s', 'a-rate'),
      figure('Hold → purchase', 'a-conversion'), figure('Remaining', 'a-remaining'), figure('Held', 'a-held'));
    const problem = element('div');
    problem.setAttribute('role', 'alert');
    problem.hidden = true;
    const sales = element('canvas');
    sales.id = 'sales-chart';
    const fill = element('canvas');
    fill.id = 'fill-chart';
    const charts = element('div', undefined, 'columns');
    for (const [title, canvas] of [['Over time (per minute)', sales], ['Fill per section', fill]]) {
      const card = element('div', undefined, 'chart');
      card.append(element('h3', title), canvas);
      charts.append(card);
    }
    const failures = element('p', undefined, 'hint');
    failures.id = 'a-failures';
    box.replaceChildren(element('h2', 'Sales: ' + event.title), figures, problem, charts, failures);
    const state = { event, problem, stopped: false, timer: null, reader: null, charts: drawCharts(sales, fill) };
    shown = { event, stop: () => stop(state) };
    stream(state);
    report(state);
    box.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  function stop(state) {
    state.stopped = true;
    clearTimeout(state.timer);
    if (state.reader) state.reader.cancel().catch(() => {});
    for (const chart of state.charts) chart.destroy();
  }

  function drawCharts(salesCanvas, fillCanvas) {
    const sales = new Chart(salesCanvas, {
      type: 'bar',
      data: { labels: [], datasets: [
        { label: 'tickets sold', data: [], backgroundColor: '#2e7d32' },
        { label: 'holds taken', data: [], backgroundColor: '#f9a825' },
        { label: 'failed orders', data: [], backgroundColor: '#c62828' }] },
      options: { animation: false, responsive: true, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    const fill = new Chart(fillCanvas, {
      type: 'bar',
      data: { labels: [], datasets: [{ label: 'sold (% of capacity)', data: [], backgroundColor: '#1565c0' }] },
      options: { animation: false, responsive: true, indexAxis: 'y', scales: { x: { min: 0, max: 100 } } },
    });
    return [sales, fill];
  }

  function showLive(state, live) {
    const currency = state.event.currency;
    $('a-sold').textContent = String(live.ticketsSold);
    $('a-net').textContent = money(live.netCents, currency);
    $('a-rate').textContent = live.salesPerSecond.toFixed(1);
    $('a-conversion').textContent = live.conversion == null ? '–' : Math.round(live.conversion * 100) + ' %';
    $('a-remaining').textContent = live.remaining + ' of ' + live.capacity;
    $('a-held').textContent = String(live.held);
  }

  // The stream needs the access token, which EventSource cannot send: it is read with
  // fetch, event by event. If it cannot be (or ends), the report's polling goes on alone.
  async function stream(state) {
    const pair = Boxoffice.tokens();
    try {
      const response = await fetch('/api/events/' + state.event.id + '/analytics/stream', {
        headers: { Accept: 'text/event-stream', Authorization: 'Bearer ' + (pair && pair.accessToken) } });
      if (!response.ok || !response.body) return;
      state.reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      while (!state.stopped) {
        const { value, done } = await state.reader.read();
        if (done) return;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5));
          if (data.length) showLive(state, JSON.parse(data.join('\n')));
        }
      }
    } catch (gone) {
      // The report's polling shows the figures meanwhile.
    }
  }

  async function report(state) {
    if (state.stopped) return;
    try {
      const figures = await call('GET', '/api/events/' + state.event.id + '/analytics?granularity=minute');
      state.problem.hidden = true;
      const [sales, fill] = state.charts;
      sales.data.labels = figures.series.map((bucket) => new Date(bucket.at).toLocaleTimeString([], {
        hour: '2-digit', minute: '2-digit' }));
      sales.data.datasets[0].data = figures.series.map((bucket) => bucket.tickets);
      sales.data.datasets[1].data = figures.series.map((bucket) => bucket.holds);
      sales.data.datasets[2].data = figures.series.map((bucket) => bucket.ordersFailed);
      sales.update();
      fill.data.labels = figures.sections.map((section) => section.section);
      fill.data.datasets[0].data = figures.sections.map((section) => Math.round(section.fill * 1000) / 10);
      fill.update();
      const kinds = Object.entries(figures.failures).map(([kind, count]) => kind + ' ' + count);
      $('a-failures').textContent = 'Gross ' + money(figures.sales.grossCents, figures.currency) + ', refunded '
        + money(figures.sales.refundedCents, figures.currency) + ' · failed orders: '
        + (kinds.length ? kinds.join(', ') : 'none') + ' · holds released ' + figures.holds.released
        + ', seats expired ' + figures.holds.expiredSeats
        + (figures.soldOutAt ? ' · sold out after ' + figures.secondsToSellOut + ' s' : '')
        + ' · waitlist: ' + figures.waitlist.waitingNow + ' waiting, ' + figures.waitlist.offered + ' offered, '
        + figures.waitlist.purchased + ' bought';
    } catch (failure) {
      showProblem(state.problem, failure);
      if (failure instanceof Boxoffice.SessionExpired) return;
    }
    state.timer = setTimeout(() => report(state), REPORT_MS);
  }

  document.addEventListener('boxoffice:analytics', (event) => open(event.detail));
})();
