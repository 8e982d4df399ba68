// The list of the caller's jobs, newest first, one page at a time. Rows are kept and updated in place on every
// refresh, so a row being read or clicked is never swapped for a new one.

import {byId, el, show} from './dom.js';
import * as format from './format.js';
import {progressBar, setText, updateProgress} from './progress.js';

const PER_PAGE = 25;
const ACTIVE_DELAY_MS = 1000;
const IDLE_DELAY_MS = 5000;

export class JobsView {
  #api;
  #rows = new Map();
  #page = 1;
  #total = 0;

  constructor(api) {
    this.#api = api;
    byId('newer-jobs').addEventListener('click', () => this.#turn(-1));
    byId('older-jobs').addEventListener('click', () => this.#turn(1));
    this.onPageTurn = () => {};
  }

  /** Reads the current page and shows it; answers how soon to look again (sooner while a job runs). */
  async refresh(isCurrent = () => true) {
    const {jobs, total} = await this.#api.history(this.#page, PER_PAGE);
    if (!isCurrent()) {
      return null;
    }
    this.#total = total;
    if (jobs.length === 0 && this.#page > 1) {
      this.#page = 1;
      return 0;
    }
    this.#render(jobs);
    return jobs.some((job) => !format.isTerminal(job.status)) ? ACTIVE_DELAY_MS : IDLE_DELAY_MS;
  }

  #turn(step) {
    const pages = Math.max(1, Math.ceil(this.#total / PER_PAGE));
    this.#page = Math.min(Math.max(1, this.#page + step), pages);
    this.onPageTurn();
  }

  #render(jobs) {
    const body = byId('jobs-rows');
    const seen = new Set();
    jobs.forEach((job, index) => {
      const id = job.jobIdentifier;
      seen.add(id);
      let row = this.#rows.get(id);
      if (!row) {
        row = new JobRow(id);
        this.#rows.set(id, row);
      }
      row.update(job);
      if (body.children[index] !== row.element) {
        body.insertBefore(row.element, body.children[index] ?? null);
      }
    });
    for (const [id, row] of this.#rows) {
      if (!seen.has(id)) {
        row.element.remove();
        this.#rows.delete(id);
      }
    }
    show(byId('jobs-empty'), jobs.length === 0);
    const first = (this.#page - 1) * PER_PAGE + 1;
    setText(byId('jobs-range'), jobs.length === 0 ? '' : `Jobs ${format.count(first)}–${format.count(first + jobs.length - 1)} of ${format.count(this.#total)}`);
    byId('newer-jobs').disabled = this.#page <= 1;
    byId('older-jobs').disabled = this.#page * PER_PAGE >= this.#total;
    setText(byId('jobs-updated'), `Updated ${new Date().toLocaleTimeString()}`);
  }
}

/** One job's row; its cells are made once and their text changed as the job moves. */
class JobRow {
  constructor(id) {
    this.link = el('a', {href: `#/jobs/${encodeURIComponent(id)}`, class: 'job-link'});
    this.status = el('span', {class: 'status'});
    this.failedNote = el('span', {class: 'failed-note'});
    this.model = el('td');
    this.progress = progressBar('Progress');
    this.progressCell = el('td', {}, this.progress.element);
    this.counters = el('td', {class: 'num'});
    this.billing = el('td', {class: 'num'});
    this.queue = el('td', {class: 'num'});
    this.elapsed = el('td', {class: 'num'});
    this.submitted = el('td');
    this.element = el('tr', {'data-job-id': id},
        el('th', {scope: 'row'}, this.link),
        el('td', {}, this.status, this.failedNote),
        this.model, this.progressCell, this.counters, this.billing, this.queue, this.elapsed, this.submitted);
  }

  update(job) {
    const name = jobName(job);
    setText(this.link, name);
    this.element.dataset.status = job.status;
    this.status.className = `status status-${String(job.status).toLowerCase()}`;
    setText(this.status, format.statusLabel(job.status));
    setText(this.failedNote, job.failed > 0 ? ` · ${format.count(job.failed)} failed` : '');
    setText(this.model, `${job.model?.name ?? job.model?.identifier} ${job.model?.version ?? ''}`.trim());
    this.model.title = job.model?.identifier ?? '';
    const running = !format.isTerminal(job.status);
    this.progress.bar.setAttribute('aria-label', `Progress of ${name}`);
    show(this.progress.element, running);
    if (running) {
      updateProgress(this.progress, job);
    }
    setText(this.counters, `${format.count(job.completed)} / ${format.count(job.failed)} / ${format.count(job.total)}`);
    setText(this.billing, `${format.count(job.recordCount)} records · ${format.billing(job.billedUsage)}`);
    setText(this.queue, format.duration(job.queueTime));
    setText(this.elapsed, format.duration(job.elapsedTime));
    setText(this.submitted, format.time(job.submittedAt ?? job.createdAt));
  }
}

/** The job's name, or a short form of its identifier when it has none. */
export function jobName(job) {
  const name = job.name ?? '';
  return name.trim() !== '' ? name : `job ${String(job.jobIdentifier ?? job.id).slice(0, 8)}`;
}
