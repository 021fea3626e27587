/**
 * Runs tasks one at a time, in the order pushed. A task that finishes synchronously while the
 * queue is idle runs at once, in the caller's turn (the Yjs hot path: most messages never
 * await, so they cost no promise and no extra turn). A task that returns a promise holds every
 * later task until it settles: that is what keeps one room's (or one connection's) messages in
 * order, and a read-then-write from interleaving, now that storage is asynchronous.
 */
export class SerialQueue {
  private readonly waiting: (() => unknown)[] = [];
  private isBusy = false;

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  /** Pending and running tasks (0 when idle). */
  get length(): number {
    return this.waiting.length + (this.isBusy ? 1 : 0);
  }

  /** Resolves once every task pushed so far has run (at once when idle). */
  whenIdle(): Promise<void> {
    if (!this.isBusy) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  push(task: () => unknown): void {
    if (this.isBusy) {
      this.waiting.push(task);
      return;
    }
    this.isBusy = true; // a task that pushes (re-entrantly) queues behind itself
    this.drain(task);
  }

  private drain(first: () => unknown): void {
    let task: (() => unknown) | undefined = first;
    while (task) {
      let result: unknown;
      try {
        result = task();
      } catch (error) {
        this.onError(error);
      }
      if (isPromise(result)) {
        const next = () => {
          const following = this.waiting.shift();
          if (following) this.drain(following);
          else this.isBusy = false;
        };
        result.then(next, (error: unknown) => {
          this.onError(error);
          next();
        });
        return;
      }
      task = this.waiting.shift();
    }
    this.isBusy = false;
  }
}

/** One `SerialQueue` per key (a workshop), dropped when it runs dry. */
export class KeyedQueue {
  private readonly queues = new Map<string, { tail: Promise<unknown> }>();

  /** Runs `task` after every task queued before it under `key`; resolves with its result. */
  run<T>(key: string, task: () => T | Promise<T>): Promise<T> {
    const entry = this.queues.get(key) ?? { tail: Promise.resolve() };
    const result = entry.tail.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    entry.tail = tail;
    this.queues.set(key, entry);
    void tail.then(() => {
      if (this.queues.get(key)?.tail === tail) this.queues.delete(key);
    });
    return result;
  }
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
