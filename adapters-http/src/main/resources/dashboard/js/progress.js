// A job's progress: a <progress> bar over its items (or record batches) with the share done written beside it.

import {el} from './dom.js';

export function progressBar(label) {
  const bar = el('progress', {max: 1, value: 0, 'aria-label': label});
  const text = el('span', {class: 'progress-text'});
  return {element: el('div', {class: 'progress'}, bar, text), bar, text};
}

/** Shows how far the job is: finished items (completed or failed) of all of them. */
export function updateProgress({bar, text}, job) {
  const total = Math.max(job.total ?? 0, 0);
  const done = (job.completed ?? 0) + (job.failed ?? 0);
  bar.max = Math.max(total, 1);
  bar.value = Math.min(done, bar.max);
  const percent = total === 0 ? 0 : Math.floor((100 * done) / total);
  setText(text, `${percent} %`);
}

export function setText(element, value) {
  const textValue = String(value);
  if (element.textContent !== textValue) {
    element.textContent = textValue;
  }
}
