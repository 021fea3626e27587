import { Worker } from 'node:worker_threads';
import { HEIC_WORKER_URL } from '../workerFiles';

/** Parent → worker (as `workerData`): one photo. */
export interface HeicJob {
  input: Uint8Array;
  maxPixels: number;
}

/** Worker → parent: 8-bit RGBA pixels already turned upright (irot/imir applied), or why not. */
export type HeicWorkerReply =
  | { type: 'decoded'; width: number; height: number; hasAlpha: boolean; pixels: Uint8ClampedArray }
  | { type: 'tooLarge'; width: number; height: number }
  | { type: 'unreadable'; detail: string }
  | { type: 'codecUnavailable'; detail: string };

export type HeicDecodeResult = HeicWorkerReply | { type: 'timedOut' };

export interface HeicLimits {
  /** Refused from the header, before any pixel is decoded. */
  maxPixels: number;
  /** The worker is terminated past this: a hostile stream must not hold a decoding slot. */
  timeoutMs: number;
}

/**
 * Decodes a HEIC (HEVC-coded HEIF) photo in a worker thread of its own. The codec is WebAssembly
 * and synchronous: on the main thread a 12 MP photo would stall every room for a second or more,
 * a trap in it would take the process down, and its memory (up to the module's 2 GB ceiling)
 * would never be given back. A fresh worker per photo is loaded only when a HEIC arrives, can be
 * terminated at its deadline, and returns all of its memory when it exits. The caller bounds how
 * many run at once (the picture route's concurrency limit).
 */
export function decodeHeic(input: Uint8Array, limits: HeicLimits): Promise<HeicDecodeResult> {
  const job: HeicJob = { input: new Uint8Array(input), maxPixels: limits.maxPixels };
  const worker = new Worker(HEIC_WORKER_URL, {
    workerData: job,
    transferList: [job.input.buffer as ArrayBuffer],
    execArgv: [],
    // Pixels and wasm memory live outside the V8 heap; this caps only the JavaScript side.
    resourceLimits: { maxOldGenerationSizeMb: 128 },
    stdout: true, // the codec's chatter stays out of the server's structured log
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  return new Promise<HeicDecodeResult>((resolve) => {
    let isSettled = false;
    const settle = (result: HeicDecodeResult) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      // Resolve once the worker is gone, so the caller's slot frees only when its memory has.
      void worker.terminate().finally(() => resolve(result));
    };
    const timer = setTimeout(() => settle({ type: 'timedOut' }), limits.timeoutMs);
    worker.on('message', (reply: HeicWorkerReply) => settle(reply));
    worker.on('error', (error) => settle({ type: 'unreadable', detail: error.message }));
    worker.on('exit', (code) => settle({ type: 'unreadable', detail: `the decoder exited (code ${code})` }));
  });
}
