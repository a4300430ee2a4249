// Lists the events on sale, each linking to its live seat map.
(async function () {
  const status = document.getElementById('status');
  const list = document.getElementById('events');
  Boxoffice.accountBar();
  try {
    const page = await Boxoffice.publicGet('/api/events?limit=50');
    status.textContent = page.items.length ? '' : 'Nothing on sale right now.';
    for (const event of page.items) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = '/events/' + event.id;
      link.textContent = event.title;
      item.append(link, ' — ' + event.venue.name + ', ' + event.venue.city + ', '
        + new Date(event.startsAt).toLocaleString());
      list.append(item);
    }
  } catch (failure) {
    status.textContent = '';
    Boxoffice.showProblem(document.getElementById('problem'), failure);
  }
})();
