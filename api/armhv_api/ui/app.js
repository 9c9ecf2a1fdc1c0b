// armhv.hypervisor web UI: one page with hash routes, the API on the same origin (relative URLs). The
// token lives in this module's memory only, never in storage or a cookie: a reload signs out. Every text
// from the API goes into the page as text (textContent), never as markup.

const API = '../api/v1';
const POLL_MS = 3000;
// The API's instance name rule and message (plugins/module_utils/_names.py), so the form says what the
// API would before it is asked.
const NAME_RULE = /^[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const NAME_MESSAGE = "must be 1 to 63 characters, only ASCII letters, digits and '-', " +
  "not starting with a digit or '-' and not ending with '-'";
const ROLES = ['viewer', 'operator', 'admin'];
const PAGES = [
  ['containers', 'Containers', 'viewer'], ['bridges', 'Bridges', 'viewer'],
  ['storage-pools', 'Storage pools', 'viewer'], ['cluster-members', 'Cluster members', 'viewer'],
  ['users', 'Users', 'admin'], ['api-keys', 'API keys', 'admin'], ['audit-log', 'Audit log', 'admin'],
];

let session = null;
let poll = null;
let pendingNotice = '';

// --- DOM -------------------------------------------------------------------------------------------

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

function show(title, ...content) {
  const main = document.getElementById('main');
  main.replaceChildren(el('h1', { text: title }), ...content.flat().filter(Boolean));
  document.title = title + ' · armhv.hypervisor';
  main.focus();
}

function message(text, kind) {
  return el('p', { class: kind || 'error', role: kind === 'notice' ? 'status' : 'alert', text });
}

function field(label, props) {
  const id = 'f-' + label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return [el('label', { for: id, text: label }), el('input', { id, name: id, ...props })];
}

function button(label, onclick, kind) {
  return el('button', { type: 'button', class: kind, onclick }, label);
}

function table(columns, rows, sort) {
  const head = columns.map((column) => {
    if (!sort) return el('th', { scope: 'col', text: column.label });
    const current = sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none';
    return el('th', { scope: 'col', 'aria-sort': column.sortable === false ? null : current },
      column.sortable === false ? column.label : button(column.label, () => sort.by(column.key)));
  });
  const body = rows.map((row) => el('tr', {}, columns.map((column) =>
    el('td', { 'data-label': column.label }, column.cell(row)))));
  if (!rows.length) {
    body.push(el('tr', {}, el('td', { colspan: columns.length, class: 'muted', text: 'None.' })));
  }
  return el('table', {}, el('thead', {}, el('tr', {}, head)), el('tbody', {}, body));
}

function when(seconds) {
  return seconds ? new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '';
}

function bytes(value) {
  if (value === null || value === undefined) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let size = value;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) { size /= 1024; unit += 1; }
  return (unit ? size.toFixed(1) : String(size)) + ' ' + units[unit];
}

// --- The API ---------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, code, text) { super(text); this.status = status; this.code = code; }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (session) headers.Authorization = 'Bearer ' + session.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(API + path, {
    method, headers, credentials: 'omit', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (response.ok) return data;
  const error = data && data.error ? data.error : { code: 'error', message: 'HTTP ' + response.status };
  if (response.status === 401 && session && path !== '/auth/token') {
    endSession('Your session ended: ' + error.message + '. Sign in again.');
  }
  throw new ApiError(response.status, error.code, error.message);
}

function may(role) {
  return session && ROLES.indexOf(session.me.role) >= ROLES.indexOf(role);
}

// --- Session ---------------------------------------------------------------------------------------

function startSession(token, expiresIn) {
  session = { token, me: null, timer: setTimeout(() => endSession('Your session expired. Sign in again.'),
    expiresIn * 1000) };
}

function endSession(notice) {
  if (session) clearTimeout(session.timer);
  session = null;
  stopPolling();
  pendingNotice = notice || '';
  document.getElementById('top').hidden = true;
  go('#/sign-in');
}

async function signOut() {
  try { await call('POST', '/auth/logout'); } catch (error) { /* the token may have ended already */ }
  endSession('You signed out.');
}

async function loadMe() {
  session.me = await call('GET', '/auth/me');
  drawHeader();
}

function drawHeader() {
  const page = (location.hash.split('/')[1] || '');
  document.getElementById('nav').replaceChildren(...PAGES.filter((p) => may(p[2]) && !session.me.must_enrol)
    .map(([id, label]) => el('a', { href: '#/' + id, 'aria-current': page === id ? 'page' : null, text: label })));
  const me = session.me;
  document.getElementById('me').replaceChildren(
    el('span', { text: me.username + ' (' + me.role + ')' }),
    me.kind === 'user' ? el('a', { href: '#/second-factor', text: 'Second factor' }) : null,
    me.kind === 'user' ? el('a', { href: '#/password', text: 'Change password' }) : null,
    button('Sign out', signOut, 'secondary'));
  document.getElementById('top').hidden = false;
}

// --- Sign-in ---------------------------------------------------------------------------------------

function signInPage() {
  const notice = pendingNotice;
  pendingNotice = '';
  const status = el('div', { 'aria-live': 'polite' }, notice ? message(notice, 'notice') : null);
  const [codeLabel, code] = field('Code', { autocomplete: 'one-time-code', inputmode: 'numeric' });
  const codeRow = el('div', { hidden: true }, codeLabel, code,
    el('p', { class: 'muted', text: 'From your authenticator app, or one of your recovery codes.' }));
  const form = el('form', { class: 'card', novalidate: true },
    ...field('Username', { autocomplete: 'username', required: true }),
    ...field('Password', { type: 'password', autocomplete: 'current-password', required: true }),
    codeRow, el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Sign in')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { username: form.elements['f-username'].value, password: form.elements['f-password'].value };
    if (code.value.trim()) body.otp = code.value.trim();
    try {
      const token = await call('POST', '/auth/token', body);
      startSession(token.access_token, token.expires_in);
      await loadMe();
      go(session.me.must_enrol ? '#/second-factor' : '#/containers');
    } catch (error) {
      if (error.code === 'otp_required') {
        codeRow.hidden = false;
        status.replaceChildren(message('Enter the code from your authenticator app.', 'notice'));
        code.focus();
        return;
      }
      status.replaceChildren(message(error.message));
    }
  });
  show('Sign in', status, form);
  form.elements['f-username'].focus();
}

// --- Containers ------------------------------------------------------------------------------------

function imageOf(container) {
  const config = container.config || {};
  return config['image.description'] || config['volatile.base_image'] || '';
}

function addressesOf(container) {
  return Object.entries(container.addresses || {})
    .map(([nic, found]) => found.map((address) => address + ' (' + nic + ')').join(', '))
    .filter(Boolean).join('; ');
}

const CONTAINER_COLUMNS = [
  { key: 'name', label: 'Name', cell: (c) => el('a', { href: '#/containers/' + encodeURIComponent(c.name), text: c.name }) },
  { key: 'status', label: 'Status', cell: (c) => el('span', { class: 'status-' + c.status, text: c.status }) },
  { key: 'architecture', label: 'Architecture', cell: (c) => c.architecture || '' },
  { key: 'location', label: 'Cluster member', cell: (c) => c.location || '' },
  { key: 'addresses', label: 'Addresses', cell: addressesOf, value: addressesOf },
  { key: 'image', label: 'Image', cell: imageOf, value: imageOf },
];

function containerActions(container, after) {
  if (!may('operator')) return null;
  const act = (verb) => async () => {
    after(null, verb.toLowerCase() + 'ing ' + container.name + '…');
    try {
      await call('POST', '/containers/' + encodeURIComponent(container.name) + '/' + verb.toLowerCase());
      after(null, verb + ' ' + container.name + ': done.');
    } catch (error) { after(error); }
  };
  const remove = async () => {
    if (!window.confirm('Delete container ' + container.name + '? Its disk goes with it.')) return;
    try {
      await call('DELETE', '/containers/' + encodeURIComponent(container.name));
      after(null, container.name + ' was deleted.', true);
    } catch (error) { after(error); }
  };
  const running = container.status === 'Running';
  return el('div', { class: 'actions' },
    running ? null : button('Start', act('Start')),
    running ? button('Stop', act('Stop'), 'secondary') : null,
    running ? button('Restart', act('Restart'), 'secondary') : null,
    button('Delete', remove, 'danger'));
}

function nameProblem(name) {
  if (NAME_RULE.test(name)) return '';
  const quoted = name.includes("'") && !name.includes('"') ? '"' + name + '"'
    : "'" + name.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
  return 'invalid instance name ' + quoted + ': ' + NAME_MESSAGE;
}

function createForm(done) {
  const status = el('div', { 'aria-live': 'polite' });
  const form = el('form', { class: 'card', novalidate: true, 'aria-label': 'Create a container' },
    ...field('Name', { required: true, autocomplete: 'off', spellcheck: 'false' }),
    ...field('Image', { required: true, autocomplete: 'off', spellcheck: 'false' }),
    el('label', { class: 'inline' }, el('input', { type: 'checkbox', name: 'start', checked: true }), 'Start it'),
    status,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Create'),
      button('Cancel', () => done(null), 'secondary')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = form.elements['f-name'].value;
    const problem = nameProblem(name);
    if (problem) { status.replaceChildren(message(problem)); form.elements['f-name'].focus(); return; }
    const body = { name, image: form.elements['f-image'].value.trim(), start: form.elements.start.checked };
    form.querySelector('button[type=submit]').disabled = true;
    status.replaceChildren(message('Creating ' + name + '…', 'notice'));
    try {
      await call('POST', '/containers', body);
      done(name + ' was created.');
    } catch (error) {
      status.replaceChildren(message(error.message));
      form.querySelector('button[type=submit]').disabled = false;
    }
  });
  return form;
}

function containersPage() {
  const state = { rows: [], filter: '', sort: { key: 'name', descending: false } };
  const status = el('div', { 'aria-live': 'polite' });
  const holder = el('div');
  const formHolder = el('div');
  const filter = el('input', { id: 'f-filter', type: 'search', autocomplete: 'off' });
  const after = (error, text, gone) => {
    status.dataset.kind = '';
    status.replaceChildren(error ? message(error.message) : message(text, 'notice'));
    if (!error || gone) refresh();
  };
  state.sort.by = (key) => {
    state.sort.descending = state.sort.key === key ? !state.sort.descending : false;
    state.sort.key = key;
    draw();
  };
  function value(row, key) {
    const column = CONTAINER_COLUMNS.find((c) => c.key === key);
    return String(column.value ? column.value(row) : row[key] || '').toLowerCase();
  }
  function draw() {
    const words = state.filter.toLowerCase();
    const rows = state.rows.filter((row) => !words || CONTAINER_COLUMNS.some((c) => value(row, c.key).includes(words)))
      .sort((a, b) => value(a, state.sort.key).localeCompare(value(b, state.sort.key)) * (state.sort.descending ? -1 : 1));
    const columns = may('operator') ? CONTAINER_COLUMNS.concat([{ key: 'actions', label: 'Actions', sortable: false,
      cell: (c) => containerActions(c, after) }]) : CONTAINER_COLUMNS;
    holder.replaceChildren(table(columns, rows, state.sort));
  }
  async function refresh() {
    try {
      state.rows = await call('GET', '/containers');
      // A failed read's message goes once a read works again; an action's stays.
      if (status.dataset.kind === 'read') status.replaceChildren();
      draw();
    } catch (error) {
      if (!session) return;
      status.dataset.kind = 'read';
      status.replaceChildren(message(error.message));
    }
  }
  filter.addEventListener('input', () => { state.filter = filter.value; draw(); });
  const create = may('operator') ? button('Create', () => {
    formHolder.replaceChildren(createForm((text) => {
      formHolder.replaceChildren();
      create.hidden = false;
      create.focus();
      if (text) after(null, text);
    }));
    create.hidden = true;
    formHolder.querySelector('input').focus();
  }) : null;
  show('Containers', status, el('div', { class: 'toolbar' },
    el('div', {}, el('label', { for: 'f-filter', text: 'Filter' }), filter), create), formHolder, holder);
  refresh();
  startPolling(refresh);
}

function keyValues(entries) {
  return table([{ label: 'Key', cell: (e) => e[0] }, { label: 'Value', cell: (e) => e[1] }],
    Object.entries(entries || {}).sort((a, b) => a[0].localeCompare(b[0])));
}

async function containerPage(name) {
  const status = el('div', { 'aria-live': 'polite' });
  const holder = el('div');
  show(name, el('p', {}, el('a', { href: '#/containers', text: '← Containers' })), status, holder);
  async function refresh() {
    let found;
    try {
      found = await call('GET', '/containers/' + encodeURIComponent(name));
    } catch (error) {
      if (session) status.replaceChildren(message(error.message));
      return;
    }
    const after = (error, text, gone) => {
      status.replaceChildren(error ? message(error.message) : message(text, 'notice'));
      if (gone) { stopPolling(); holder.replaceChildren(); } else if (!error) refresh();
    };
    holder.replaceChildren(
      el('dl', {}, el('dt', { text: 'Status' }), el('dd', { text: found.status }),
        el('dt', { text: 'Architecture' }), el('dd', { text: found.architecture || '' }),
        el('dt', { text: 'Cluster member' }), el('dd', { text: found.location || '' }),
        el('dt', { text: 'Addresses' }), el('dd', { text: addressesOf(found) }),
        el('dt', { text: 'Image' }), el('dd', { text: imageOf(found) }),
        el('dt', { text: 'Description' }), el('dd', { text: found.description }),
        el('dt', { text: 'Profiles' }), el('dd', { text: found.profiles.join(', ') })),
      containerActions(found, after),
      el('h2', { text: 'Config' }), keyValues(found.config),
      el('h2', { text: 'Devices' }),
      ...Object.entries(found.devices).map(([device, keys]) => [el('h3', { text: device }), keyValues(keys)]));
  }
  await refresh();
  startPolling(refresh);
}

// --- Bridges, pools, members -----------------------------------------------------------------------

async function listPage(title, path, columns, pick) {
  show(title, el('p', { class: 'muted', text: 'Loading…' }));
  try {
    const found = await call('GET', path);
    show(title, pick ? pick(found) : table(columns, found));
  } catch (error) {
    if (session) show(title, message(error.message));
  }
}

function bridgesPage() {
  return listPage('Bridges', '/bridges', [
    { label: 'Name', cell: (b) => b.name }, { label: 'State', cell: (b) => b.operstate },
    { label: 'Addresses', cell: (b) => b.addresses.join(', ') }, { label: 'MTU', cell: (b) => String(b.mtu) },
    { label: 'Ports', cell: (b) => b.ports.join(', ') }, { label: 'STP', cell: (b) => (b.stp ? 'on' : 'off') },
  ]);
}

function poolsPage() {
  return listPage('Storage pools', '/storage-pools', [
    { label: 'Name', cell: (p) => p.name }, { label: 'Driver', cell: (p) => p.driver },
    { label: 'Status', cell: (p) => p.status || '' },
    { label: 'Space used', cell: (p) => (p.space_total ? bytes(p.space_used) + ' of ' + bytes(p.space_total) : '') },
    { label: 'Used by', cell: (p) => String(p.used_by.length) },
  ]);
}

function membersPage() {
  return listPage('Cluster members', '/cluster/members', null, (found) => (found.enabled ? table([
    { label: 'Name', cell: (m) => m.name || '' }, { label: 'Status', cell: (m) => m.status || '' },
    { label: 'Roles', cell: (m) => (m.roles || []).join(', ') }, { label: 'Architecture', cell: (m) => m.architecture || '' },
    { label: 'Failure domain', cell: (m) => m.failure_domain || '' }, { label: 'Message', cell: (m) => m.message || '' },
  ], found.members) : el('p', { text: 'This host is not part of a cluster.' })));
}

// --- Admin: users, API keys, audit log -------------------------------------------------------------

function usersPage() {
  const status = el('div', { 'aria-live': 'polite' });
  const holder = el('div');
  async function refresh() {
    try {
      const users = await call('GET', '/users');
      holder.replaceChildren(table([
        { label: 'Username', cell: (u) => u.username }, { label: 'Role', cell: (u) => u.role },
        { label: 'Second factor', cell: (u) => (u.mfa ? 'on' : 'off') }, { label: 'Created', cell: (u) => when(u.created_at) },
        { label: 'Actions', cell: (u) => (u.mfa ? button('Reset second factor', async () => {
          if (!window.confirm('Reset the second factor of ' + u.username + '? They enrol again.')) return;
          try {
            await call('DELETE', '/users/' + encodeURIComponent(u.username) + '/mfa');
            status.replaceChildren(message(u.username + "'s second factor was reset.", 'notice'));
            refresh();
          } catch (error) { status.replaceChildren(message(error.message)); }
        }, 'secondary') : null) },
      ], users));
    } catch (error) { if (session) status.replaceChildren(message(error.message)); }
  }
  show('Users', status, holder);
  refresh();
}

function shownOnce(title, key, extra) {
  return el('div', { class: 'card', role: 'status' }, el('p', { class: 'notice', text: title }),
    el('p', { class: 'secret', text: key }),
    el('p', { class: 'muted', text: 'Copy it now: it is not shown again.' + (extra || '') }));
}

function keysPage() {
  const status = el('div', { 'aria-live': 'polite' });
  const holder = el('div');
  const [nameLabel, name] = field('Key name', { autocomplete: 'off', required: true });
  const role = el('select', { id: 'f-key-role' }, ROLES.map((r) => el('option', { value: r, text: r })));
  const form = el('form', { class: 'card', novalidate: true, 'aria-label': 'Create an API key' }, nameLabel, name,
    el('label', { for: 'f-key-role', text: 'Role' }), role,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Create')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const made = await call('POST', '/api-keys', { name: name.value, role: role.value });
      status.replaceChildren(shownOnce('API key ' + made.id + ' was created.', made.key));
      name.value = '';
      refresh();
    } catch (error) { status.replaceChildren(message(error.message)); }
  });
  const keyState = (k) => (k.revoked_at ? 'revoked ' + when(k.revoked_at)
    : k.replaced_by ? 'replaced by ' + k.replaced_by + (k.expires_at ? ', works until ' + when(k.expires_at) : '')
      : k.expires_at ? 'expires ' + when(k.expires_at) : 'active');
  async function refresh() {
    try {
      const keys = await call('GET', '/api-keys');
      holder.replaceChildren(table([
        { label: 'ID', cell: (k) => k.id }, { label: 'Name', cell: (k) => k.name }, { label: 'Role', cell: (k) => k.role },
        { label: 'Created', cell: (k) => when(k.created_at) + ' by ' + k.created_by }, { label: 'State', cell: keyState },
        { label: 'Actions', cell: (k) => (k.revoked_at ? null : el('div', { class: 'actions' },
          k.replaced_by ? null : button('Rotate', async () => {
            try {
              const made = await call('POST', '/api-keys/' + encodeURIComponent(k.id) + '/rotate');
              status.replaceChildren(shownOnce('API key ' + k.id + ' was rotated: its replacement is ' + made.id + '.',
                made.key, made.old_key_valid_until ? ' The old key works until ' + when(made.old_key_valid_until) + '.' : ''));
              refresh();
            } catch (error) { status.replaceChildren(message(error.message)); }
          }, 'secondary'),
          button('Revoke', async () => {
            if (!window.confirm('Revoke API key ' + k.id + ' (' + k.name + ')? It stops working at once.')) return;
            try {
              await call('DELETE', '/api-keys/' + encodeURIComponent(k.id));
              status.replaceChildren(message('API key ' + k.id + ' was revoked.', 'notice'));
              refresh();
            } catch (error) { status.replaceChildren(message(error.message)); }
          }, 'danger'))) },
      ], keys));
    } catch (error) { if (session) status.replaceChildren(message(error.message)); }
  }
  show('API keys', status, form, holder);
  refresh();
}

function auditPage() {
  return listPage('Audit log', '/audit?limit=200', [
    { label: 'Time', cell: (a) => when(a.at) }, { label: 'Actor', cell: (a) => a.actor },
    { label: 'Action', cell: (a) => a.action }, { label: 'Target', cell: (a) => a.target },
    { label: 'Status', cell: (a) => String(a.status) }, { label: 'Source', cell: (a) => a.source },
    { label: 'Detail', cell: (a) => a.detail || '' },
  ]);
}

// --- Self-service: second factor, password -----------------------------------------------------------

function secondFactorPage() {
  const me = session.me;
  const status = el('div', { 'aria-live': 'polite' });
  if (me.mfa) {
    const [codeLabel, code] = field('Code', { autocomplete: 'one-time-code', inputmode: 'numeric' });
    const form = el('form', { class: 'card', novalidate: true }, el('p', { text: 'Your second factor is on.' }),
      codeLabel, code, el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Turn off')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await call('DELETE', '/auth/mfa', { otp: code.value.trim() });
        await loadMe();
        pendingNotice = 'Your second factor is off.';
        route();
      } catch (error) { status.replaceChildren(message(error.message)); }
    });
    show('Second factor', status, form);
    return;
  }
  const intro = me.must_enrol
    ? 'Your role (' + me.role + ') needs a second factor: set one up to go on.'
    : 'Add a second factor: sign-in will then ask for a code from an authenticator app.';
  const notice = pendingNotice;
  pendingNotice = '';
  const holder = el('div');
  const begin = button('Set up', async () => {
    try {
      const enrolment = await call('POST', '/auth/mfa/enrol');
      begin.hidden = true;
      holder.replaceChildren(confirmForm(enrolment, status, holder));
      holder.querySelector('input').focus();
    } catch (error) { status.replaceChildren(message(error.message)); }
  });
  show('Second factor', notice ? message(notice, 'notice') : null, el('p', { text: intro }), status, begin, holder);
}

function confirmForm(enrolment, status, holder) {
  const qr = el('div', { class: 'qr', role: 'img', 'aria-label': 'QR code of the secret' });
  // The service draws this SVG itself (segno); it holds no text from any user.
  const drawn = document.createElement('template');
  drawn.innerHTML = enrolment.qr_svg;
  qr.append(drawn.content);
  const [codeLabel, code] = field('Code', { autocomplete: 'one-time-code', inputmode: 'numeric' });
  const form = el('form', { class: 'card', novalidate: true },
    el('p', { text: 'Scan this with your authenticator app, or type the secret into it:' }), qr,
    el('p', { class: 'secret', text: enrolment.secret }), codeLabel, code,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Confirm')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const made = await call('POST', '/auth/mfa/confirm', { otp: code.value.trim() });
      await loadMe();
      status.replaceChildren(message('Your second factor is on.', 'notice'));
      holder.replaceChildren(el('div', { class: 'card' },
        el('p', { text: 'Recovery codes: each signs in once in place of a code. Keep them somewhere safe; they are not shown again.' }),
        el('ul', { class: 'codes' }, made.recovery_codes.map((c) => el('li', { text: c }))),
        el('div', { class: 'actions' }, button('Done', () => go('#/containers')))));
      holder.querySelector('button').focus();
    } catch (error) { status.replaceChildren(message(error.message)); }
  });
  return form;
}

function passwordPage() {
  const status = el('div', { 'aria-live': 'polite' });
  const form = el('form', { class: 'card', novalidate: true },
    ...field('Current password', { type: 'password', autocomplete: 'current-password' }),
    ...field('New password', { type: 'password', autocomplete: 'new-password', minlength: 12 }),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Change password')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await call('POST', '/auth/password', { old_password: form.elements['f-current-password'].value,
        new_password: form.elements['f-new-password'].value });
      endSession('Your password was changed. Sign in with the new one.');
    } catch (error) { status.replaceChildren(message(error.message)); }
  });
  show('Change password', status, form);
}

// --- Routing ---------------------------------------------------------------------------------------

function startPolling(refresh) {
  stopPolling();
  poll = setInterval(() => { if (!document.hidden) refresh(); }, POLL_MS);
}

function stopPolling() {
  if (poll) clearInterval(poll);
  poll = null;
}

const ROUTES = {
  containers: containersPage, bridges: bridgesPage, 'storage-pools': poolsPage,
  'cluster-members': membersPage, users: usersPage, 'api-keys': keysPage, 'audit-log': auditPage,
  'second-factor': secondFactorPage, password: passwordPage,
};

function route() {
  stopPolling();
  const [, page, detail] = location.hash.split('/');
  if (!session) { signInPage(); return; }
  drawHeader();
  if (session.me.must_enrol && page !== 'second-factor') { go('#/second-factor'); return; }
  const allowed = PAGES.find((p) => p[0] === page);
  if (page === 'containers' && detail) { containerPage(decodeURIComponent(detail)); return; }
  if (!ROUTES[page] || (allowed && !may(allowed[2]))) { go('#/containers'); return; }
  ROUTES[page]();
}

// A hash that is already the page's fires no hashchange: draw it then.
function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

window.addEventListener('hashchange', route);
route();
