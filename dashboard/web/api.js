// The feed, read as any client reads it: each URL is fetched with If-None-Match and the body
// kept with its ETag, so a poll that finds nothing new costs a 304 and no parsing.
const cache = new Map(); // url -> {etag, data}

export class FeedError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// Resolves to {data, changed}. Throws FeedError for an HTTP error (with the feed's message) and
// TypeError when the feed cannot be reached.
export async function load(url) {
  const known = cache.get(url);
  const headers = {Accept: 'application/json'};
  if (known) headers['If-None-Match'] = known.etag;
  // no-store: the browser's cache stays out of it, so the 304 reaches this code.
  const response = await fetch(url, {headers, cache: 'no-store'});
  if (response.status === 304 && known) return {data: known.data, changed: false};
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (body && body.error && body.error.message) message = body.error.message;
    } catch (ignored) { /* not JSON: keep the status line */ }
    throw new FeedError(response.status, message);
  }
  const data = await response.json();
  const etag = response.headers.get('ETag');
  if (etag) cache.set(url, {etag, data});
  return {data, changed: true};
}

// The API URL of a resource with the reader's as_of date.
export function apiUrl(path, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') query.set(name, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
