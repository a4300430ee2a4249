// Shared by every page: the token pair, calls to the API with the access token (one
// refresh and one retry when it is refused), problem details shown inline, and the
// account bar with its sign-out.
const Boxoffice = (() => {
  const KEY = 'boxoffice.tokens';

  /** A refused call: `problem` is the API's problem detail (RFC 9457). */
  class ApiError extends Error {
    constructor(status, problem) {
      super(problem.detail || problem.title || 'HTTP ' + status);
      this.status = status;
      this.problem = problem;
    }
  }

  /** The refresh token was refused: the person must sign in again. */
  class SessionExpired extends ApiError {}

  function tokens() {
    try {
      return JSON.parse(localStorage.getItem(KEY));
    } catch (unreadable) {
      return null;
    }
  }

  function keep(pair) {
    localStorage.setItem(KEY, JSON.stringify({ accessToken: pair.accessToken, refreshToken: pair.refreshToken }));
  }

  function forget() {
    localStorage.removeItem(KEY);
    localStorage.removeItem('boxoffice.venues');
  }

  function send(method, path, body, headers, accessToken) {
    return fetch(path, {
      method,
      headers: Object.assign(body !== undefined ? { 'Content-Type': 'application/json' } : {},
        accessToken ? { Authorization: 'Bearer ' + accessToken } : {}, headers || {}),
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  }

  async function read(response) {
    const text = await response.text();
    let data = {};
    try {
      data = text ? JSON.parse(text) : {};
    } catch (notJson) {
      data = { title: response.statusText };
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  // A refresh token is single use, and one sent twice ends the session, so refreshes
  // are taken one at a time across tabs; whoever comes second finds the pair already
  // renewed and uses it.
  function refresh(used) {
    const renew = async () => {
      const current = tokens();
      if (!current) throw new SessionExpired(401, { detail: 'You are signed out.' });
      if (current.refreshToken !== used) return current;
      const response = await send('POST', '/api/auth/refresh', { refreshToken: used });
      if (response.status === 401) {
        forget();
        const problem = await response.json().catch(() => ({}));
        throw new SessionExpired(401, problem);
      }
      const pair = await read(response);
      keep(pair);
      return pair;
    };
    return navigator.locks ? navigator.locks.request('boxoffice.refresh', renew) : renew();
  }

  /** Calls the API as the signed-in account (if any); answers the body, or throws ApiError. */
  async function call(method, path, body, headers) {
    const pair = tokens();
    let response = await send(method, path, body, headers, pair && pair.accessToken);
    if (response.status === 401 && pair) {
      const renewed = await refresh(pair.refreshToken);
      response = await send(method, path, body, headers, renewed.accessToken);
    }
    return read(response);
  }

  /** A public read, sent without a token (so an expired sign-in cannot stand in its way). */
  async function publicGet(path) {
    return read(await send('GET', path));
  }

  async function signIn(email, password) {
    expired = false;
    keep(await read(await send('POST', '/api/auth/login', { email, password })));
    return call('GET', '/api/me');
  }

  async function signOut() {
    const pair = tokens();
    expired = false;
    forget();
    if (pair) {
      await send('POST', '/api/auth/logout', { refreshToken: pair.refreshToken }, {}, pair.accessToken).catch(() => {});
    }
  }

  let expired = false;

  /** The signed-in account ({id, email, name, roles}), or null. */
  async function me() {
    if (!tokens()) return null;
    try {
      return await call('GET', '/api/me');
    } catch (failure) {
      if (!(failure instanceof SessionExpired)) throw failure;
      expired = true;
      return null;
    }
  }

  /** Whether this page found the sign-in expired (the refresh token refused). */
  function sessionExpired() {
    return expired;
  }

  function signInLink(label) {
    const link = document.createElement('a');
    link.href = '/signin?next=' + encodeURIComponent(location.pathname + location.search);
    link.textContent = label;
    return link;
  }

  /** Shows what went wrong in `box`: the problem's detail and each invalid field. */
  function showProblem(box, failure) {
    box.replaceChildren();
    box.hidden = false;
    box.className = 'problem';
    if (failure instanceof SessionExpired) {
      box.append('Your sign-in has expired. ', signInLink('Sign in again'));
      return;
    }
    if (!(failure instanceof ApiError)) {
      box.textContent = 'The service could not be reached. Try again in a moment.';
      return;
    }
    const problem = failure.problem;
    const title = document.createElement('strong');
    title.textContent = problem.title || 'Error ' + failure.status;
    box.append(title);
    if (problem.detail) box.append(' — ' + problem.detail);
    if (Array.isArray(problem.unavailableSeats) && problem.unavailableSeats.length) {
      box.append(' Taken: ' + problem.unavailableSeats.join(', ') + '.');
    }
    if (Array.isArray(problem.errors) && problem.errors.length) {
      const list = document.createElement('ul');
      for (const error of problem.errors) {
        const item = document.createElement('li');
        item.textContent = error.field + ': ' + error.message;
        list.append(item);
      }
      box.append(list);
    }
  }

  function clear(box) {
    box.replaceChildren();
    box.hidden = true;
  }

  /** Fills the page's account bar (`#account`): who is signed in and a sign-out button. */
  async function accountBar(onChange) {
    const bar = document.getElementById('account');
    const account = await me().catch(() => null);
    bar.replaceChildren();
    if (!account) {
      bar.append(signInLink('Sign in'));
      return null;
    }
    const who = document.createElement('span');
    who.textContent = account.email;
    const out = document.createElement('button');
    out.type = 'button';
    out.id = 'signout';
    out.textContent = 'Sign out';
    out.addEventListener('click', async () => {
      await signOut();
      if (onChange) onChange(null); else location.reload();
      accountBar(onChange);
    });
    bar.append(who, out);
    return account;
  }

  function money(cents, currency) {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);
    } catch (unknownCurrency) {
      return (cents / 100).toFixed(2) + ' ' + currency;
    }
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  return { ApiError, SessionExpired, call, publicGet, signIn, signOut, me, sessionExpired, tokens, forget, showProblem, clear, accountBar,
    money, element };
})();
