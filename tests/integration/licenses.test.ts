import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { licenceViolations, NOTICE_FILE, renderNotice, shippedPackages } from '../../scripts/licenses';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('licences', () => {
  it(
    'THIRD_PARTY_NOTICES.md is what the installed production packages generate, and every licence fits the policy',
    { timeout: 60_000 },
    async () => {
      const packages = await shippedPackages();
      expect(licenceViolations(packages)).toEqual([]);
      // Out of date (a dependency added, removed or upgraded): run `npm run licenses` and commit the file.
      expect(readFileSync(NOTICE_FILE, 'utf8')).toBe(renderNotice(packages));

      const notice = readFileSync(NOTICE_FILE, 'utf8');
      const fonts = packages.filter((pkg) => pkg.name.startsWith('@expo-google-fonts/'));
      expect(fonts.length).toBeGreaterThanOrEqual(7);
      for (const font of fonts)
        expect(font.files.find((file) => file.name === 'LICENSE_FONT')?.text).toMatch(/SIL Open Font License, Version 1\.1/);
      expect(packages.find((pkg) => pkg.name === 'libheif-js')?.files[0]?.text).toMatch(/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3/);
      for (const name of ['next', 'react', 'yjs', 'socket.io', 'better-sqlite3', 'sharp', 'prom-client', 'tailwindcss']) {
        expect(notice).toContain(`\n## ${name}@`);
      }
    },
  );

  it('refuses a licence outside the allow-list, and the LGPL outside the packages allowed it', () => {
    const pkg = (name: string, licence: string) => ({ name, version: '1.0.0', licence });
    expect(
      licenceViolations([
        pkg('ok-mit', 'MIT'),
        pkg('ok-choice', '(MIT OR GPL-3.0-only)'),
        pkg('ok-fonts', 'MIT AND OFL-1.1'),
        pkg('libheif-js', 'LGPL-3.0'),
        pkg('@img/sharp-libvips-linux-arm64', 'LGPL-3.0-or-later'),
      ]),
    ).toEqual([]);
    expect(
      licenceViolations([
        pkg('copyleft', 'GPL-3.0-only'),
        pkg('network-copyleft', 'AGPL-3.0-only'),
        pkg('some-codec', 'LGPL-3.0-or-later'),
        pkg('both', 'MIT AND GPL-2.0-only'),
        pkg('closed', 'UNLICENSED'),
        pkg('custom', 'SEE LICENSE IN LICENSE.txt'),
        pkg('exception', 'Apache-2.0 WITH LLVM-exception'),
      ]).map((violation) => violation.split('@')[0]),
    ).toEqual(['copyleft', 'network-copyleft', 'some-codec', 'both', 'closed', 'custom', 'exception']);
  });

  it('the repository is Apache-2.0: LICENSE holds the full text and package.json says so', () => {
    const licence = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(licence).toMatch(/^\s+Apache License\s+Version 2\.0, January 2004/);
    expect(licence).toContain('END OF TERMS AND CONDITIONS');
    expect(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).license).toBe('Apache-2.0');
  });
});
