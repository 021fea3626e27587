import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** Screenshots a person should look at, kept after the run (artifacts/ is gitignored). */
export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '..', 'artifacts', 'screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
}
