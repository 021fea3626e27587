import { apiErrorText, type ApiErrorValues } from '../i18n/apiErrors';

/**
 * Why an export was not made now; the route answers 503 with `Retry-After`. The sentence is a
 * catalog key, so the requester reads it in their language (the message is the English, for logs).
 */
export class ExportRefusedError extends Error {
  constructor(
    readonly key: 'pdfBusy' | 'pdfTooSlow',
    readonly values: ApiErrorValues,
    readonly retryAfterSeconds: number,
  ) {
    super(apiErrorText('en', key, values));
  }
}

export interface GateLimits {
  /** Jobs running at once. */
  maxConcurrent: number;
  /** Jobs allowed to wait for a slot; one more is refused at once. */
  maxQueued: number;
  /** How long a job waits for a slot before it is refused. */
  queueWaitMs: number;
}

interface Waiter {
  resolve: () => void;
  timer: NodeJS.Timeout;
}

/**
 * A counting semaphore with a short, bounded queue: a burst of exports waits a moment for a
 * slot, but a pile-up is refused rather than left to hold sockets and memory.
 */
export class ExportGate {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly limits: GateLimits) {}

  get running(): number {
    return this.active;
  }

  /** Resolves with a release function once a slot is free; throws `ExportRefusedError`. */
  async acquire(): Promise<() => void> {
    if (this.active < this.limits.maxConcurrent) {
      this.active += 1;
      return this.releaser();
    }
    const busy = new ExportRefusedError('pdfBusy', {}, Math.max(1, Math.ceil(this.limits.queueWaitMs / 1000)));
    if (this.waiting.length >= this.limits.maxQueued) throw busy;
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(busy);
        }, this.limits.queueWaitMs),
      };
      this.waiting.push(waiter);
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let isReleased = false;
    return () => {
      if (isReleased) return;
      isReleased = true;
      const next = this.waiting.shift();
      if (next) {
        clearTimeout(next.timer); // the slot passes straight to the next job
        next.resolve();
      } else this.active -= 1;
    };
  }
}
