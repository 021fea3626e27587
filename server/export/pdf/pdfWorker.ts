import { parentPort } from 'node:worker_threads';
import type { ExportModel } from '../exportModel';
import { renderPosterPdf } from './renderPoster';

/** Parent → worker: render this board. */
export interface PdfJob {
  id: number;
  model: ExportModel;
}

/** Worker → parent: the PDF bytes, or why not. */
export type PdfWorkerMessage = { type: 'done'; id: number; pdf: Uint8Array } | { type: 'failed'; id: number; error: string };

const port = parentPort;
if (port) {
  port.on('message', async (job: PdfJob) => {
    try {
      const pdf = await renderPosterPdf(job.model);
      const bytes = new Uint8Array(pdf); // a copy: Node may have cut `pdf` from a shared pool, which must not be transferred
      port.postMessage({ type: 'done', id: job.id, pdf: bytes } satisfies PdfWorkerMessage, [bytes.buffer]);
    } catch (error) {
      port.postMessage({ type: 'failed', id: job.id, error: (error as Error).message } satisfies PdfWorkerMessage);
    }
  });
}
