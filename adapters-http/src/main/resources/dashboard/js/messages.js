// The page's two message lines: errors (an alert, read out at once) and notices (a polite status).
// An error remembers who showed it, so a background refresh that succeeds clears only its own error, never the
// error of something the user did.

import {byId, show} from './dom.js';

const REASONS = {
  400: 'bad request',
  401: 'API key refused',
  403: 'forbidden',
  404: 'not found',
  409: 'conflict',
  413: 'too large',
  415: 'unsupported media type',
  429: 'too many requests',
  503: 'server busy',
};

let errorSource = null;

/** "Uploading points.csv failed (400, bad request): row 2: ..." from what was tried and the error. */
export function describeFailure(action, error) {
  if (error?.status === 0) {
    return `${action} failed: ${error.message}. Check that the server is running, then try again.`;
  }
  if (error?.status) {
    const reason = REASONS[error.status] ?? (error.status >= 500 ? 'server error' : 'request refused');
    return `${action} failed (${error.status}, ${reason}): ${error.message}`;
  }
  return `${action} failed: ${error?.message ?? error}`;
}

export function showError(text, source = 'action') {
  const box = byId('error');
  box.textContent = text;
  errorSource = source;
  show(box, true);
}

/**
 * Shows why something failed. A refused key (401) is left out: the sign-out it causes says so once, on the key
 * form.
 */
export function showFailure(action, error, source = 'action') {
  if (error?.status === 401) {
    return;
  }
  showError(describeFailure(action, error), source);
}

/** Clears the error line; with a source, only when that source showed the error. */
export function clearError(source = null) {
  if (source !== null && source !== errorSource) {
    return;
  }
  const box = byId('error');
  box.textContent = '';
  errorSource = null;
  show(box, false);
}

export function showNotice(text) {
  const box = byId('notice');
  box.textContent = text;
  show(box, true);
}

export function clearMessages() {
  clearError();
  const box = byId('notice');
  box.textContent = '';
  show(box, false);
}
