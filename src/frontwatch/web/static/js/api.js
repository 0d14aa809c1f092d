// Talking to the Frontwatch API: filters as query strings, JSON fetches that can be superseded.

export const FILTER_FIELDS = [
  "since", "until", "country", "admin1", "event_type", "sub_event_type", "actor", "min_fatalities", "q",
];

export function toParams(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const name of FILTER_FIELDS) {
    const value = filters[name];
    if (value !== undefined && value !== null && value !== "") params.set(name, value);
  }
  for (const [name, value] of Object.entries(extra)) {
    if (value !== undefined && value !== null) params.set(name, value);
  }
  return params;
}

export function apiUrl(path, params) {
  const query = params ? params.toString() : "";
  return query ? `${path}?${query}` : path;
}

async function explain(response) {
  try {
    const body = await response.json();
    if (Array.isArray(body.detail)) return body.detail.map((d) => `${d.loc?.slice(-1)[0]}: ${d.msg}`).join("; ");
    return body.detail || response.statusText;
  } catch {
    return response.statusText;
  }
}

// One channel per kind of request: a new request aborts the previous one still in flight,
// so a slow answer for an old filter never overwrites the answer for the current one.
const controllers = new Map();

export async function getJSON(channel, url) {
  controllers.get(channel)?.abort();
  const controller = new AbortController();
  controllers.set(channel, controller);
  const response = await fetch(url, { signal: controller.signal });
  if (!response.ok) throw new Error(await explain(response));
  return response.json();
}

export function isAbort(error) {
  return error && error.name === "AbortError";
}
