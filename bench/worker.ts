import { runJoinWorker } from './joinWorker';
import { LoadWorker } from './loadWorker';
import type { FromWorker, ToWorker, WorkerConfig } from './workerMessages';

/**
 * A benchmark client process, forked by `run.ts` with its config as JSON in argv. It exits when
 * told to, on error, or when the IPC channel drops (the orchestrator died).
 */
const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;

// Every WebsocketProvider adds a process `exit` listener; hundreds per process are expected.
process.setMaxListeners(0);
process.on('disconnect', () => process.exit(0));

function send(message: FromWorker): void {
  process.send?.(message);
}

function nextMessage<T extends ToWorker['type']>(type: T): Promise<Extract<ToWorker, { type: T }>> {
  return new Promise((resolve) => {
    const onMessage = (message: ToWorker) => {
      if (message.type !== type) return;
      process.off('message', onMessage);
      resolve(message as Extract<ToWorker, { type: T }>);
    };
    process.on('message', onMessage);
  });
}

async function main(): Promise<void> {
  if (config.mode === 'join') {
    send({ type: 'joined', reports: await runJoinWorker(config) });
    await nextMessage('close');
    return;
  }
  const worker = new LoadWorker(config);
  const closing = nextMessage('close').then(() => null);
  let starting = nextMessage('start');
  await worker.setUp();
  send({ type: 'ready', rooms: worker.rooms });
  // One report per `start` (the cluster bench discards a warm-up run), until `close`.
  for (let start = await Promise.race([starting, closing]); start; start = await Promise.race([starting, closing])) {
    starting = nextMessage('start');
    send({ type: 'done', report: await worker.run(start.durationMs) });
  }
  worker.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    setTimeout(() => process.exit(1), 100);
  },
);
