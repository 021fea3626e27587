import { Worker } from 'node:worker_threads';
import type { ExportModel } from './exportModel';
import { ExportRefusedError } from './ExportGate';
import type { PdfJob, PdfWorkerMessage } from './pdf/pdfWorker';
import { PDF_WORKER_URL } from '../workerFiles';

export interface PoolOptions {
  /** A worker left idle this long exits (a warm worker saves the renderer's start-up). */
  idleWorkerMs: number;
  /** V8 heap ceiling of one worker: a runaway render dies alone. */
  workerHeapMb: number;
}

interface IdleWorker {
  worker: Worker;
  timer: NodeJS.Timeout;
}

/**
 * Renders PDFs in worker threads, so a long render neither freezes the live rooms on the main
 * event loop nor escapes its time limit: a worker past its deadline is terminated.
 */
export class PdfWorkerPool {
  private readonly idle: IdleWorker[] = [];
  private readonly workers = new Set<Worker>();
  private nextJobId = 1;
  private isClosed = false;

  constructor(private readonly options: PoolOptions) {}

  run(model: ExportModel, timeoutMs: number): Promise<Uint8Array> {
    if (this.isClosed) return Promise.reject(new Error('The PDF worker pool is closed.'));
    const worker = this.take();
    const job: PdfJob = { id: this.nextJobId++, model };
    return new Promise<Uint8Array>((resolve, reject) => {
      const finish = (error: Error | null, pdf?: Uint8Array) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (error) {
          this.discard(worker);
          reject(error);
        } else {
          this.park(worker);
          resolve(pdf!);
        }
      };
      const onMessage = (message: PdfWorkerMessage) => {
        if (message.type === 'done' && message.id === job.id) finish(null, message.pdf);
        if (message.type === 'failed' && message.id === job.id) finish(new Error(`PDF render failed: ${message.error}`));
      };
      const onError = (error: Error) => finish(error);
      const onExit = (code: number) => finish(new Error(`PDF worker exited (code ${code}).`));
      const timer = setTimeout(() => {
        finish(new ExportRefusedError('pdfTooSlow', { seconds: Math.round(timeoutMs / 1000) }, 30));
      }, timeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    this.isClosed = true;
    for (const { timer } of this.idle.splice(0)) clearTimeout(timer);
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
    this.workers.clear();
  }

  private take(): Worker {
    const warm = this.idle.pop();
    if (warm) {
      clearTimeout(warm.timer);
      warm.worker.ref();
      return warm.worker;
    }
    const worker = new Worker(PDF_WORKER_URL, {
      execArgv: [],
      // React's production build: its development checks cost ~15% of a render.
      env: { ...process.env, NODE_ENV: 'production' },
      // A roomy young generation (64 MB semi-spaces): rendering makes short-lived garbage by
      // the gigabyte, and fewer scavenges save CPU: 96 → 192 MB cut a 1,800-note export's CPU
      // time by about a tenth (posters with profiles and marks), for ~80 MB more peak RSS.
      resourceLimits: { maxOldGenerationSizeMb: this.options.workerHeapMb, maxYoungGenerationSizeMb: 192 },
    });
    this.workers.add(worker);
    // Between jobs nobody else listens: an unheard 'error' event would crash the server.
    worker.on('error', () => undefined).on('exit', () => this.forget(worker));
    return worker;
  }

  /** Keeps a healthy worker warm for the next export, without holding the process open. */
  private park(worker: Worker): void {
    if (this.isClosed) return this.discard(worker);
    worker.unref();
    const entry: IdleWorker = {
      worker,
      timer: setTimeout(() => this.discard(worker), this.options.idleWorkerMs).unref(),
    };
    this.idle.push(entry);
  }

  private discard(worker: Worker): void {
    this.forget(worker);
    void worker.terminate();
  }

  private forget(worker: Worker): void {
    this.workers.delete(worker);
    const index = this.idle.findIndex((entry) => entry.worker === worker);
    if (index >= 0) clearTimeout(this.idle.splice(index, 1)[0]!.timer);
  }
}
