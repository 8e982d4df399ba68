// Runs a refresh again and again: the refresh answers how long to wait before the next one (or null to stop).
// While the tab is hidden nothing runs; showing it again refreshes at once.

const DELAY_AFTER_FAILURE_MS = 5000;

export class Poller {
  #refresh;
  #timer = null;
  #running = false;
  #round = 0;

  /** @param refresh async (isCurrent) => delay in ms or null; isCurrent() is false once a newer round began */
  constructor(refresh) {
    this.#refresh = refresh;
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && this.#running) {
        this.now();
      }
    });
  }

  start() {
    this.#running = true;
    this.now();
  }

  stop() {
    this.#running = false;
    this.#round++;
    clearTimeout(this.#timer);
  }

  /** Refreshes now, and goes on from there. */
  now() {
    clearTimeout(this.#timer);
    const round = ++this.#round;
    this.#run(round);
  }

  async #run(round) {
    const isCurrent = () => this.#running && round === this.#round;
    let delay;
    try {
      delay = await this.#refresh(isCurrent);
    } catch {
      delay = DELAY_AFTER_FAILURE_MS; // the refresh has shown its error; try again later
    }
    if (!isCurrent() || delay === null || delay === undefined) {
      return;
    }
    this.#timer = setTimeout(() => {
      if (!document.hidden && isCurrent()) {
        this.#run(round);
      }
    }, delay);
  }
}
