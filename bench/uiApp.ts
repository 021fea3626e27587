import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { CreateWorkshopReply, SessionReply } from '../lib/api';
import { newId } from '../lib/ids';
import { CONTROL_PATH } from '../lib/wire';
import { sleep } from './client';

/**
 * The app under test for `bench:ui`: the real server (`server/main.ts`, built Next.js) of a
 * checkout (`root`: this one, or another, such as a worktree of main for "before" figures),
 * on a free port with a fresh data dir; and the facilitator's control connection.
 */
export class BenchApp {
  private child: ChildProcess | null = null;
  private readonly dataDir = mkdtempSync(path.join(tmpdir(), 'pw-bench-ui-'));

  constructor(
    readonly root: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: this.root,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'warn',
        PDF_WARMUP: '0',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const child = this.child;
    process.once('exit', () => child.kill('SIGKILL'));
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`app exited with ${this.child.exitCode}`);
      if (
        await fetch(`${this.url}/readyz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await sleep(200);
    }
    throw new Error('app did not start within 90 s');
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      child.kill('SIGKILL');
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async createWorkshop(title: string): Promise<CreateWorkshopReply> {
    const res = await fetch(`${this.url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    if (res.status !== 201) throw new Error(`create answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as CreateWorkshopReply;
  }
}

/** The facilitator's control plane, for what the presenter's buttons would send. */
export class Facilitator {
  private constructor(private readonly socket: Socket) {}

  static async connect(app: BenchApp, workshop: CreateWorkshopReply): Promise<Facilitator> {
    const res = await fetch(`${app.url}/api/workshops/${workshop.code}/facilitator-session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${workshop.facilitatorKey}` },
      body: '{}',
    });
    if (res.status !== 201) throw new Error(`facilitator session answered ${res.status}`);
    const session = (await res.json()) as SessionReply;
    const socket = io(app.url, { path: CONTROL_PATH, auth: { code: workshop.code, token: session.token }, transports: ['websocket'] });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return new Facilitator(socket);
  }

  send(command: Record<string, unknown>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket
        .timeout(10_000)
        .emit('command', { ...command, id: newId() }, (error: Error | null, reply: { ok: boolean; error?: string }) => {
          if (error) reject(error);
          else if (!reply.ok) reject(new Error(`${String(command.type)} refused: ${reply.error}`));
          else resolve();
        });
    });
  }

  /** Opens the quadrant's writing step, private (drafts until the reveal) or shared. */
  async openQuadrantStep(quadrant: string, isPrivate: boolean): Promise<void> {
    await this.send({ type: 'step.update', stepId: `q_${quadrant}`, patch: { isPrivate } });
    await this.send({ type: 'step.goto', stepId: `q_${quadrant}` });
  }

  close(): void {
    this.socket.disconnect();
  }
}
