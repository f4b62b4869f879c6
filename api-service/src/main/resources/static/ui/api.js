// The REST API as the dashboard calls it: the API key entered once is kept in this tab's
// sessionStorage (gone when the tab closes) and sent as the API's usual "Authorization: Bearer"
// header; it never goes into a URL. With security off no key is needed.

const KEY = 'punctual.apiKey';

export const apiKey = {
  get: () => sessionStorage.getItem(KEY),
  set: (key) => sessionStorage.setItem(KEY, key),
  forget: () => sessionStorage.removeItem(KEY),
};

function headers(accept) {
  const h = { Accept: accept };
  const key = apiKey.get();
  if (key) h.Authorization = `Bearer ${key}`;
  return h;
}

/** A refusal of the API, with the problem's detail (RFC 9457) as its message. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function refusal(response) {
  let detail = `${response.status} ${response.statusText}`;
  try {
    const problem = await response.json();
    if (problem.detail) detail = problem.detail;
  } catch {
    // not a problem+json answer: keep the status line
  }
  if (response.status === 401) detail = `Enter an API key with scope jobs:read. ${detail}`;
  return new ApiError(response.status, detail);
}

/** Calls the API and answers the JSON body (null when there is none). */
export async function call(method, path) {
  const response = await fetch(path, {
    method,
    headers: headers('application/json, application/problem+json'),
  });
  if (!response.ok) throw await refusal(response);
  return response.status === 204 ? null : response.json();
}

/** A path with its query parameters; repeated for arrays, empty values left out. */
export function path(base, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const v of [].concat(value)) {
      if (v !== undefined && v !== null && v !== '') query.append(name, v);
    }
  }
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

/** One event of a text/event-stream block (see the HTML standard, "server-sent events"). */
function parseEvent(block) {
  const event = { type: 'message', data: [] };
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue; // comments are heartbeats
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event.type = value;
    else if (field === 'data') event.data.push(value);
  }
  return event.data.length ? { type: event.type, data: JSON.parse(event.data.join('\n')) } : null;
}

/**
 * Follows a server-sent event stream until it ends or `signal` aborts it, calling `onEvent` with
 * each event. Read with fetch() rather than EventSource, because EventSource cannot send the
 * Authorization header, and the key must not go into the URL.
 */
export async function follow(streamPath, signal, onOpen, onEvent) {
  const response = await fetch(streamPath, {
    headers: headers('text/event-stream, application/problem+json'),
    signal,
  });
  if (!response.ok) throw await refusal(response);
  onOpen();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replaceAll('\r\n', '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event) onEvent(event);
    }
  }
}
