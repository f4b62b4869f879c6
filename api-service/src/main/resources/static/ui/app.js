// The dashboard: a list of jobs (#/) and a job's page (#/jobs/<id>). Every value from the API is
// put into the page as text (textContent, never innerHTML), so a job's name, label or error can
// never become markup or script.
import { apiKey, call, follow, path } from './api.js';

const $ = (selector) => document.querySelector(selector);
const RECONNECT_MS = 2000;
let nextCursor = null;
let stream = null; // the AbortController of the job page's live stream

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement('td');
    if (cell instanceof Node) td.append(cell);
    else td.textContent = cell ?? '';
    tr.append(td);
  }
  return tr;
}

function status(value) {
  return el('span', value, `status-${value}`);
}

function show(message) {
  const box = $('#message');
  box.textContent = message ?? '';
  box.hidden = !message;
}

async function attempt(work) {
  try {
    show(null);
    await work();
  } catch (e) {
    show(e.message);
  }
}

/** startedAt − scheduledAt, the lateness of an attempt, in seconds. */
function lateness(execution) {
  if (!execution.startedAt) return '';
  const ms = Date.parse(execution.startedAt) - Date.parse(execution.scheduledAt);
  return `${(ms / 1000).toFixed(3)} s`;
}

// ---- the list of jobs ----

function labels(job) {
  const span = document.createElement('span');
  for (const [key, value] of Object.entries(job.labels ?? {})) {
    span.append(el('span', `${key}:${value}`, 'label'));
  }
  return span;
}

function jobRow(job) {
  const link = el('a', job.name || job.id);
  link.href = `#/jobs/${encodeURIComponent(job.id)}`;
  const tr = row([link, job.id, job.namespace, status(job.status), labels(job), job.nextRunAt,
    job.lastRunAt ? `${job.lastRunAt} ${job.lastRunStatus ?? ''}` : '']);
  tr.dataset.jobId = job.id;
  return tr;
}

async function loadJobs(more) {
  const params = {
    name: $('#filter-name').value.trim(),
    label: $('#filter-label').value.trim(),
    status: $('#filter-status').value,
    limit: 50,
    cursor: more ? nextCursor : null,
  };
  const page = await call('GET', path('/jobs', params));
  const body = $('#jobs tbody');
  if (!more) body.replaceChildren();
  body.append(...page.items.map(jobRow));
  nextCursor = page.nextCursor;
  $('#more').hidden = !nextCursor;
  // The search the list shows, so that a reader (or a test) can tell an old list from a new one.
  $('#jobs').dataset.query = path('', { ...params, limit: null, cursor: null });
}

// ---- a job's page ----

function executionKey(e) {
  return `${e.fireId}#${e.attempt}`;
}

function executionRow(e) {
  const tr = row([e.fireId, e.attempt, e.trigger, status(e.status), e.scheduledAt, e.startedAt,
    lateness(e), e.error]);
  tr.dataset.key = executionKey(e);
  tr.dataset.status = e.status;
  return tr;
}

/** Puts a live event's attempt into the table: replaces its row, or adds it on top. */
function upsertExecution(e) {
  const body = $('#executions tbody');
  const existing = [...body.rows].find((tr) => tr.dataset.key === executionKey(e));
  // A fire that arrives after its result must not hide the outcome.
  if (existing && e.status === 'FIRED' && existing.dataset.status !== 'FIRED') return;
  const fresh = executionRow(e);
  if (existing) existing.replaceWith(fresh);
  else body.prepend(fresh);
}

function renderJob(job) {
  $('#job-title').textContent = job.name ? `${job.name} (${job.id})` : job.id;
  $('#job-status').replaceChildren(status(job.status));
  $('#job-paused-reason').textContent = job.pausedReason ? `(${job.pausedReason})` : '';
  $('#pause').disabled = job.status !== 'ACTIVE';
  $('#resume').disabled = job.status !== 'PAUSED';
  $('#job-definition').textContent = JSON.stringify(job, null, 2);
}

async function loadJob(id) {
  const base = `/jobs/${encodeURIComponent(id)}`;
  const [job, executions, next, missed] = await Promise.all([
    call('GET', base),
    call('GET', path(`${base}/executions`, { limit: 50 })),
    call('GET', path(`${base}/next-runs`, { count: 5 })),
    call('GET', path(`${base}/missed`, { limit: 20 })),
  ]);
  renderJob(job);
  $('#executions tbody').replaceChildren(...executions.items.map(executionRow));
  $('#next-runs tbody').replaceChildren(
    ...next.occurrences.map((o) => row([o.scheduledAt, o.dueAt])));
  $('#missed tbody').replaceChildren(...missed.items.map((m) =>
    row([m.reason, m.policy, m.from, m.to, m.count, m.firedScheduledAt, m.detectedAt])));
}

/** Reloads the job (status, next runs, missed) at most once a second while events arrive. */
let reloadPending = false;
function reloadSoon(id) {
  if (reloadPending) return;
  reloadPending = true;
  setTimeout(() => {
    reloadPending = false;
    if (currentJobId() === id) attempt(() => loadJob(id));
  }, 1000);
}

function live(id) {
  stream?.abort();
  const controller = new AbortController();
  stream = controller;
  let events = 0;
  const state = (text) => { $('#live-state').textContent = text; };
  const connect = () => {
    follow(`/jobs/${encodeURIComponent(id)}/events`, controller.signal,
      () => state('live'),
      (event) => {
        events += 1;
        state(`live, ${events} event${events === 1 ? '' : 's'}`);
        upsertExecution(event.data);
        reloadSoon(id);
      })
      .catch((e) => { if (!controller.signal.aborted) show(e.message); })
      .finally(() => {
        if (controller.signal.aborted) return;
        // The stream ended (timeout, slow reader, restart): reload what was missed, reconnect.
        state('reconnecting');
        setTimeout(() => {
          if (!controller.signal.aborted) attempt(() => loadJob(id)).then(connect);
        }, RECONNECT_MS);
      });
  };
  connect();
}

async function act(action) {
  const id = currentJobId();
  const answer = await call('POST', `/jobs/${encodeURIComponent(id)}/${action}`);
  if (action === 'trigger') show(null);
  else renderJob(answer);
}

// ---- routing and wiring ----

function currentJobId() {
  const match = location.hash.match(/^#\/jobs\/(.+)$/);
  return match ? decodeURIComponent(match[1]) : null;
}

function route() {
  const id = currentJobId();
  $('#jobs-view').hidden = id !== null;
  $('#job-view').hidden = id === null;
  if (id === null) {
    stream?.abort();
    attempt(() => loadJobs(false));
  } else {
    attempt(() => loadJob(id)).then(() => live(id));
  }
}

function showKeyState() {
  $('#key-state').textContent = apiKey.get() ? 'key set for this tab' : 'no key';
}

$('#key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = $('#api-key').value.trim();
  if (key) apiKey.set(key);
  $('#api-key').value = '';
  showKeyState();
  route();
});
$('#forget-key').addEventListener('click', () => { apiKey.forget(); showKeyState(); route(); });
$('#filter').addEventListener('submit', (event) => {
  event.preventDefault();
  attempt(() => loadJobs(false));
});
$('#more').addEventListener('click', () => attempt(() => loadJobs(true)));
for (const action of ['pause', 'resume', 'trigger']) {
  $(`#${action}`).addEventListener('click', () => attempt(() => act(action)));
}
window.addEventListener('hashchange', route);
showKeyState();
route();
