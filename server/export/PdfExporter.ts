import { SIX_QUADRANTS } from '../../lib/quadrants';
import type { ExportModel } from './exportModel';
import { ExportGate } from './ExportGate';
import { PdfWorkerPool } from './PdfWorkerPool';

export interface PdfExportLimits {
  /** PDFs rendered at once, each in its own worker thread. */
  maxConcurrent: number;
  /** Requests that may wait for a free slot; more are refused at once with 503. */
  maxQueued: number;
  /** How long a request waits for a slot before it gets 503. */
  queueWaitMs: number;
  /** A render still running after this is stopped and answered with 503. */
  timeoutMs: number;
  idleWorkerMs: number;
  workerHeapMb: number;
}

export const DEFAULT_PDF_EXPORT_LIMITS: PdfExportLimits = {
  maxConcurrent: 2,
  maxQueued: 4,
  queueWaitMs: 3_000,
  timeoutMs: 20_000,
  idleWorkerMs: 60_000,
  workerHeapMb: 512,
};

/** Makes the PDF bytes of a board; the default runs in the worker pool. */
export type PdfRender = (model: ExportModel, timeoutMs: number) => Promise<Uint8Array>;

/** Bounded PDF export: at most `maxConcurrent` renders, a short queue, a time limit each. */
export class PdfExporter {
  readonly limits: PdfExportLimits;
  private readonly gate: ExportGate;
  private readonly pool: PdfWorkerPool;
  private readonly renderPdf: PdfRender;

  constructor(limits: Partial<PdfExportLimits> = {}, render?: PdfRender) {
    this.limits = { ...DEFAULT_PDF_EXPORT_LIMITS, ...limits };
    this.gate = new ExportGate(this.limits);
    this.pool = new PdfWorkerPool(this.limits);
    this.renderPdf = render ?? ((model, timeoutMs) => this.pool.run(model, timeoutMs));
  }

  /** Renders once a slot is free; throws `ExportRefusedError` when busy or too slow. */
  render(model: ExportModel): Promise<Uint8Array> {
    return this.renderFrom(() => Promise.resolve(model));
  }

  /**
   * Takes a slot first, then builds the model (reading the board, converting pictures) and
   * renders it: a request refused for being busy costs no work at all.
   */
  async renderFrom(build: () => Promise<ExportModel>): Promise<Uint8Array> {
    const release = await this.gate.acquire();
    try {
      return await this.renderPdf(await build(), this.limits.timeoutMs);
    } finally {
      release();
    }
  }

  /**
   * Starts a worker and renders an empty board, so the first real export does not pay for
   * loading react-pdf and the fonts (a few seconds). For the server's start-up.
   */
  async warm(): Promise<void> {
    const empty: ExportModel = {
      code: '00000000',
      locale: 'en',
      title: '',
      workshopDate: 0,
      exportedAt: 0,
      participants: [],
      withheldParticipants: 0,
      quadrants: SIX_QUADRANTS,
      personas: [],
    };
    await this.pool.run(empty, this.limits.timeoutMs).catch(() => undefined);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
