// Sign in, or create an account and sign in with it; then back to where the person came
// from (`?next=`, a path of this site only), or to their start page.
(function () {
  const $ = (id) => document.getElementById(id);

  function destination(account) {
    const next = new URLSearchParams(location.search).get('next');
    if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin')) return next;
    const organizes = account.roles.includes('ORGANIZER') || account.roles.includes('ADMIN');
    return organizes ? '/organizer' : '/';
  }

  async function enter(email, password, problemBox) {
    const account = await Boxoffice.signIn(email, password);
    Boxoffice.clear(problemBox);
    location.assign(destination(account));
  }

  $('signin').addEventListener('submit', async (submit) => {
    submit.preventDefault();
    try {
      await enter($('signin-email').value, $('signin-password').value, $('signin-problem'));
    } catch (failure) {
      Boxoffice.showProblem($('signin-problem'), failure);
    }
  });

  $('signup').addEventListener('submit', async (submit) => {
    submit.preventDefault();
    const email = $('signup-email').value;
    const password = $('signup-password').value;
    try {
      await Boxoffice.call('POST', '/api/auth/register', { email, password, name: $('signup-name').value });
      await enter(email, password, $('signup-problem'));
    } catch (failure) {
      Boxoffice.showProblem($('signup-problem'), failure);
    }
  });

  Boxoffice.accountBar();
})();
