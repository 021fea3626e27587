import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Lets the orchestrator see how long a server's event loop was blocked, without touching the
 * server's code: on SIGUSR2 the benchmark entry prints the delay since the last signal as one
 * JSON line on stdout and starts a new measurement. A blocked loop delays every room's fan-out,
 * whatever the CPU figures say.
 */
export function reportLoopDelayOnSignal(): void {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  process.on('SIGUSR2', () => {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const delay: LoopDelay = { p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) };
    process.stdout.write(`${JSON.stringify({ loopDelay: delay })}\n`);
    histogram.reset();
  });
}
