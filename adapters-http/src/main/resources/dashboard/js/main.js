// The dashboard: asks for an API key once per tab, then shows the key's jobs (#/) or one job (#/jobs/<id>).

import {Api} from './api.js';
import {DetailView} from './detail-view.js';
import {byId, show} from './dom.js';
import {JobsView} from './jobs-view.js';
import {clearError, clearMessages, showError, showFailure} from './messages.js';
import {Poller} from './poller.js';
import * as session from './session.js';
import {UploadForm} from './upload-form.js';

const api = new Api(null, signOutRefused);
const jobsView = new JobsView(api);
const detailView = new DetailView(api);
const uploadForm = new UploadForm(api, () => listPoller.now());

const listPoller = new Poller(async (isCurrent) => {
  try {
    const delay = await jobsView.refresh(isCurrent);
    clearError('jobs');
    return delay;
  } catch (error) {
    showFailure('Loading your jobs', error, 'jobs');
    throw error;
  }
});

const detailPoller = new Poller(async (isCurrent) => {
  try {
    const delay = await detailView.refresh(isCurrent);
    clearError('job');
    return delay;
  } catch (error) {
    showFailure('Loading the job', error, 'job');
    throw error;
  }
});

jobsView.onPageTurn = () => listPoller.now();

byId('key-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  await useKey(byId('api-key').value.trim());
});
byId('forget-key').addEventListener('click', () => {
  session.forgetKey();
  signOut();
  clearMessages();
});
byId('refresh-jobs').addEventListener('click', () => listPoller.now());
window.addEventListener('hashchange', route);

const saved = session.savedKey();
if (saved) {
  signIn(saved);
} else {
  signOut();
}

/** Checks a key with the server before keeping it, so a mistyped key is reported at once. */
async function useKey(key) {
  const problem = keyProblem(key);
  if (problem) {
    showError(problem);
    return;
  }
  const button = byId('use-key');
  button.disabled = true;
  try {
    await new Api(key).models();
  } catch (error) {
    showError(error.status === 401
      ? `The server did not accept this API key (401): ${error.message}. Check the key and enter it again.`
      : describeKeyCheckFailure(error));
    return;
  } finally {
    button.disabled = false;
  }
  session.saveKey(key);
  byId('api-key').value = '';
  clearMessages();
  signIn(key);
}

function describeKeyCheckFailure(error) {
  return error.status === 0
    ? `Checking the API key failed: ${error.message}. Check that the server is running, then try again.`
    : `Checking the API key failed (${error.status}): ${error.message}`;
}

function keyProblem(key) {
  if (key === '') {
    return 'Enter an API key: it looks like prefix.secret.';
  }
  // why: fetch refuses header values outside printable ASCII; say so instead of failing obscurely.
  if (!/^[\x21-\x7e]+$/.test(key)) {
    return 'An API key has only printable ASCII characters and no spaces (like prefix.secret): check what was pasted.';
  }
  return null;
}

function signIn(key) {
  api.key = key;
  byId('session-key').textContent = `Key ${session.keyPrefix(key)}`;
  show(byId('session'), true);
  show(byId('key-section'), false);
  uploadForm.load().catch((error) => showFailure('Loading the models', error));
  route();
}

function signOut() {
  api.key = null;
  listPoller.stop();
  detailPoller.stop();
  show(byId('session'), false);
  show(byId('jobs-page'), false);
  show(byId('detail-section'), false);
  show(byId('key-section'), true);
  byId('api-key').focus();
}

/** The server refused the kept key (it was revoked, or the server's keys changed): ask for one again. */
function signOutRefused(error) {
  session.forgetKey();
  signOut();
  showError(`The server refused the API key (401): ${error.message}. Enter a valid key to go on.`);
}

function route() {
  if (api.key === null) {
    return;
  }
  const match = /^#\/jobs\/(.+)$/.exec(location.hash);
  if (match) {
    listPoller.stop();
    show(byId('jobs-page'), false);
    show(byId('detail-section'), true);
    detailView.open(decodeURIComponent(match[1]));
    detailPoller.start();
  } else {
    detailPoller.stop();
    show(byId('detail-section'), false);
    show(byId('jobs-page'), true);
    listPoller.start();
  }
}
