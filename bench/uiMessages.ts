import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** What `ui.ts` asks its bot process (`uiBots.ts`) to do; each call gets one reply. */
export type BotCall =
  | { method: 'init'; url: string; code: string; count: number }
  | { method: 'seed'; count: number; quadrant: string; lastMarker: string; firstMarker?: string }
  | { method: 'edit'; rate: number; durationMs: number; quadrant: string; addEvery: number }
  | { method: 'drafts'; count: number; quadrant: string; prefix: string }
  /** Resolves with the time (epoch ms) a bot's doc holds a note for every marker. */
  | { method: 'received'; markers: string[] };

export type BotReply = { id: number; result: unknown } | { id: number; error: string };

/** One change a bot sent: its marker and when (epoch ms). */
export interface SentMark {
  marker: string;
  at: number;
  kind: 'add' | 'edit';
  noteId: string;
}

/** The bot process, called like a function: `await bots.call({ method: 'seed', ... })`. */
export class BotProcess {
  private readonly child: ChildProcess;
  private seq = 0;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  constructor() {
    this.child = fork(path.join(import.meta.dirname, 'uiBots.ts'), [], {
      cwd: path.resolve(import.meta.dirname, '..'),
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (reply: BotReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('error' in reply) waiter?.reject(new Error(`bots: ${reply.error}`));
      else waiter?.resolve(reply.result);
    });
    this.child.once('exit', (code) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`bot process exited with ${code}`));
      this.waiting.clear();
    });
  }

  call<T>(call: BotCall): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ ...call, id });
    });
  }

  close(): void {
    if (this.child.connected) this.child.send({ method: 'close' });
    setTimeout(() => this.child.kill('SIGKILL'), 2_000).unref();
  }
}
