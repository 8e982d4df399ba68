// One job in detail: its facts, live progress, per-item results and failures, and what can be done with it
// (rename, cancel, download the output file).

import {byId, el, replaceChildren, show} from './dom.js';
import * as format from './format.js';
import {jobName} from './jobs-view.js';
import {showFailure, showNotice, clearError} from './messages.js';
import {progressBar, setText, updateProgress} from './progress.js';

const ACTIVE_DELAY_MS = 1000;
/** While a job runs its results are read less often than its counters: they can be large. */
const RESULTS_EVERY_MS = 3000;
/** The most result and failure rows shown; the rest are counted. */
const MAX_ROWS = 200;

export class DetailView {
  #api;
  #id = null;
  #job = null;
  #resultsReadAt = 0;
  #progress = progressBar('Progress of the job');

  constructor(api) {
    this.#api = api;
    replaceChildren(byId('detail-progress'), this.#progress.element);
    byId('rename-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#rename();
    });
    byId('cancel-job').addEventListener('click', () => this.#cancel());
    byId('download-output').addEventListener('click', () => this.#download());
  }

  /** Starts showing another job: clears what the last one left. */
  open(id) {
    if (id === this.#id) {
      return;
    }
    this.#id = id;
    this.#job = null;
    this.#resultsReadAt = 0;
    setText(byId('detail-heading'), 'Job');
    byId('detail-facts').replaceChildren();
    byId('rename-input').value = '';
    byId('results-rows').replaceChildren();
    byId('failures-rows').replaceChildren();
    setText(byId('results-summary'), '');
    setText(byId('failures-summary'), '');
    const link = byId('download-link');
    link.removeAttribute('href');
    show(link, false);
    show(byId('cancel-job'), false);
    show(byId('download'), false);
    show(this.#progress.element, false);
  }

  /** Reads the job (and, now and then, its results); answers when to look again, or null once it has ended. */
  async refresh(isCurrent = () => true) {
    const id = this.#id;
    const job = await this.#api.job(id);
    if (!isCurrent() || id !== this.#id) {
      return null;
    }
    this.#showJob(job);
    const ended = format.isTerminal(job.status);
    if (ended || Date.now() - this.#resultsReadAt >= RESULTS_EVERY_MS) {
      const results = await this.#api.results(id);
      if (!isCurrent() || id !== this.#id) {
        return null;
      }
      this.#resultsReadAt = Date.now();
      this.#showResults(results);
    }
    return ended ? null : ACTIVE_DELAY_MS;
  }

  #showJob(job) {
    const first = this.#job === null;
    this.#job = job;
    const name = jobName(job);
    setText(byId('detail-heading'), `Job ${name}`);
    const rename = byId('rename-input');
    if (first || document.activeElement !== rename) {
      rename.value = job.name ?? '';
    }
    const facts = [
      ['Identifier', job.jobIdentifier],
      ['Status', format.statusLabel(job.status), {'data-status': job.status, id: 'detail-status'}],
      ['Error', job.errorMessage],
      ['Model', `${job.model?.name} ${job.model?.version} (${job.model?.identifier})`],
      ['Kind', job.jobType === 'structured' ? 'file upload (on-demand)' : 'batch of items'],
      [job.jobType === 'structured' ? 'Batches done / failed / total' : 'Items done / failed / total',
        `${format.count(job.completed)} / ${format.count(job.failed)} / ${format.count(job.total)}`],
      ['Records', `${format.count(job.recordCount)} in ${format.count(job.recordGroupCount)} ${job.recordGroupCount === 1 ? 'group' : 'groups'}`],
      ['Billing', format.billing(job.billedUsage), {id: 'detail-billing'}],
      ['Input size', `${format.count(job.inputByteAmount)} bytes`],
      ['Submitted', format.time(job.submittedAt ?? job.createdAt)],
      ['Started', format.time(job.startedAt)],
      ['Finished', format.time(job.finishedAt)],
      ['Queue time', format.duration(job.queueTime)],
      ['Elapsed', format.duration(job.elapsedTime)],
      ['Submitted with key', job.accessKey],
    ];
    replaceChildren(byId('detail-facts'), facts
        .filter(([, value]) => value !== null && value !== undefined && value !== '')
        .map(([term, value, attributes = {}]) => el('div', {}, el('dt', {}, term), el('dd', attributes, value))));
    const running = !format.isTerminal(job.status);
    show(this.#progress.element, running);
    if (running) {
      this.#progress.bar.setAttribute('aria-label', `Progress of ${name}`);
      updateProgress(this.#progress, job);
    }
    show(byId('cancel-job'), running);
    show(byId('download'), job.jobType === 'structured' && job.status === 'COMPLETED');
  }

  #showResults(results) {
    const successes = Object.entries(results.results ?? {}).sort(([a], [b]) => format.byItemName(a, b));
    const failures = Object.entries(results.failures ?? {}).sort(([a], [b]) => format.byItemName(a, b));
    replaceChildren(byId('results-rows'), successes.slice(0, MAX_ROWS).map(([item, result]) => el('tr', {},
        el('th', {scope: 'row'}, item),
        el('td', {class: 'num'}, format.duration(result.modelLatency)),
        el('td', {}, outputCell(result)))));
    replaceChildren(byId('failures-rows'), failures.slice(0, MAX_ROWS).map(([item, failure]) => el('tr', {},
        el('th', {scope: 'row'}, item),
        el('td', {class: 'error-text'}, failure.error ?? ''),
        el('td', {}, format.time(failure.endTime)))));
    setText(byId('results-summary'), summary(successes.length, 'successful result', results.finished));
    setText(byId('failures-summary'), summary(failures.length, 'failure', results.finished));
  }

  async #rename() {
    const input = byId('rename-input');
    const name = input.value.trim();
    try {
      const renamed = await this.#api.rename(this.#id, name);
      clearError();
      showNotice(`Renamed the job to “${renamed.name}”.`);
      input.blur();
      await this.refresh();
    } catch (error) {
      showFailure('Renaming the job', error);
    }
  }

  async #cancel() {
    try {
      const job = await this.#api.cancel(this.#id);
      clearError();
      showNotice(`Canceled ${jobName(job)}.`);
      this.#showJob(job);
    } catch (error) {
      showFailure('Canceling the job', error);
    }
  }

  /** Asks for a fresh result link and follows it: the server answers with the file as an attachment. */
  async #download() {
    try {
      const url = downloadUrl(await this.#api.resultLink(this.#id));
      clearError();
      const link = byId('download-link');
      link.href = url;
      link.setAttribute('download', '');
      setText(link, 'Download link (valid for a limited time)');
      show(link, true);
      link.click();
    } catch (error) {
      showFailure('Getting the download link', error);
    }
  }
}

/** The result link as a URL the page may follow: http or https only (an S3 presigned URL, or this server's). */
function downloadUrl(link) {
  const url = new URL(String(link), location.href);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`the server gave a link that is not a web address: ${url.protocol}`);
  }
  return url.href;
}

/**
 * An item's outputs as compact JSON, without the fields every entry has. The batches of a file upload keep their
 * records in the output file instead, which the cell says.
 */
function outputCell(result) {
  const {status, startTime, endTime, modelLatency, ...outputs} = result;
  if (Object.keys(outputs).length === 0) {
    return el('span', {class: 'muted'}, 'in the output file');
  }
  return el('code', {class: 'output'}, JSON.stringify(outputs));
}

function summary(count, noun, finished) {
  const shown = count > MAX_ROWS ? `, the first ${MAX_ROWS} shown` : '';
  const partial = finished ? '' : ' so far';
  return `${format.count(count)} ${noun}${count === 1 ? '' : 's'}${partial}${shown}.`;
}
