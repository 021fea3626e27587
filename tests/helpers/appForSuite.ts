import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { AppProcess, freePort } from './AppProcess';

/**
 * One app for a whole `describe` block, on a fresh data dir (started in `beforeAll`, stopped and
 * removed in `afterAll`); read it from the returned function inside the tests.
 */
export function appForSuite(name: string): () => AppProcess {
  const dataDir = mkdtempSync(path.join(tmpdir(), `pw-${name}-`));
  let app: AppProcess | null = null;
  beforeAll(async () => {
    app = new AppProcess(await freePort(), dataDir);
    await app.start();
  });
  afterAll(async () => {
    await app?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (!app) throw new Error('the app starts in beforeAll');
    return app;
  };
}
