// How numbers, times and statuses read on the page.

/** One billing unit is $0.001 (API.md, Models). */
export const DOLLARS_PER_UNIT = 0.001;

const TERMINAL = new Set(['COMPLETED', 'ERROR', 'CANCELED', 'TIMEDOUT']);

const STATUS_LABELS = {
  OPEN: 'Open',
  SUBMITTED: 'Submitted',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
  ERROR: 'Error',
  CANCELED: 'Canceled',
  TIMEDOUT: 'Timed out',
};

export function isTerminal(status) {
  return TERMINAL.has(status);
}

export function statusLabel(status) {
  return STATUS_LABELS[status] ?? String(status);
}

const integer = new Intl.NumberFormat('en-US');
const dollars = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 3,
  maximumFractionDigits: 3,
});

export function count(value) {
  return integer.format(value ?? 0);
}

/** "20 units ($0.020)". */
export function billing(units) {
  const value = units ?? 0;
  return `${count(value)} ${value === 1 ? 'unit' : 'units'} (${dollars.format(value * DOLLARS_PER_UNIT)})`;
}

export function dollarsOf(units) {
  return dollars.format((units ?? 0) * DOLLARS_PER_UNIT);
}

/** A duration in milliseconds: "850 ms", "12.4 s", "3 min 05 s", "2 h 07 min". */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) {
    return '–';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const seconds = ms / 1000;
  if (seconds < 60) {
    return `${seconds.toFixed(1)} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`;
  }
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** An ISO time of the API in the reader's own time zone; a dash when there is none. */
export function time(iso) {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

/** Sorts item names as people do: "2" before "10". */
export function byItemName(a, b) {
  return a.localeCompare(b, undefined, {numeric: true});
}
