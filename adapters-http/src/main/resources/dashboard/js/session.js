// The API key of this browser tab, kept in session storage: it lasts while the tab is open and is never written to
// disk by the page itself.

const STORAGE_KEY = 'modelrun.apiKey';

export function savedKey() {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function saveKey(key) {
  sessionStorage.setItem(STORAGE_KEY, key);
}

export function forgetKey() {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** The part of a key that the server shows back (its prefix), so the page never displays the secret. */
export function keyPrefix(key) {
  const dot = key.indexOf('.');
  return dot > 0 ? key.slice(0, dot) : 'key';
}
