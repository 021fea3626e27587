import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { init, type ModuleInfos } from 'license-checker-rseidelsohn';
import parseSpdx, { type SpdxNode } from 'spdx-expression-parse';

/**
 * The third-party notice (THIRD_PARTY_NOTICES.md), generated from the installed production
 * dependency tree, and the licence policy every shipped package must meet.
 * `npm run licenses` rewrites the notice and fails on a licence outside the policy;
 * tests/integration/licenses.test.ts fails when the committed notice is out of date.
 *
 * license-checker-rseidelsohn walks the installed tree (production dependencies, offline) and
 * reads each package's declared licence, or guesses it from its licence file; this module adds
 * every licence and notice file of each package (fonts ship their OFL text as LICENSE_FONT next
 * to the MIT LICENSE of the package code) and renders the notice deterministically.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
export const NOTICE_FILE = path.join(ROOT, 'THIRD_PARTY_NOTICES.md');

/** Licences any shipped package may carry: permissive ones, and the OFL of the fonts. */
const ALLOWED = new Set([
  'MIT',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'Apache-2.0',
  'OFL-1.1',
  'CC-BY-4.0',
  'CC0-1.0',
  'BlueOak-1.0.0',
  'Unlicense',
]);
/**
 * Weak copyleft, allowed only for these packages: each is a separate library used unmodified
 * (libheif-js: the HEIC decoder, loaded in a worker; sharp's prebuilt libvips, dynamically linked),
 * so the app's own code stays under its own licence. Anything else under the LGPL fails.
 */
const LGPL = new Set(['LGPL-3.0', 'LGPL-3.0-only', 'LGPL-3.0-or-later']);
const LGPL_PACKAGES = [/^libheif-js$/, /^@img\/sharp-libvips-/];
/** devDependencies whose code still ships inside the build (Tailwind's preflight CSS). */
const SHIPPED_DEV_PACKAGES = ['tailwindcss'];
const LICENCE_FILE = /^(licen[cs]e|copying|notice)([._-].*)?$/i;

export interface ShippedPackage {
  name: string;
  version: string;
  /** SPDX expression as declared (or guessed from the licence file, then `isGuessed`). */
  licence: string;
  isGuessed: boolean;
  repository: string | null;
  files: { name: string; text: string }[];
}

function checkInstalled(): Promise<ModuleInfos> {
  return new Promise((resolve, reject) =>
    init({ start: ROOT, production: true, excludePrivatePackages: true, nopeer: true }, (error, packages) =>
      error ? reject(error) : resolve(packages),
    ),
  );
}

/** Every licence and notice file at the package's root; else the licensing section of its README. */
function licenceFiles(dir: string): { name: string; text: string }[] {
  const read = (name: string) =>
    readFileSync(path.join(dir, name), 'utf8')
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]+$/gm, '')
      .trim();
  const files = readdirSync(dir)
    .filter((name) => LICENCE_FILE.test(name))
    .sort()
    .map((name) => ({ name, text: read(name) }));
  if (files.length > 0 || !existsSync(path.join(dir, 'README.md'))) return files;
  const section = /^(#{1,3}) Licen[cs]ing?\b[^\n]*\n[\s\S]*?(?=\n\1 |(?![\s\S]))/m.exec(read('README.md'));
  return section ? [{ name: 'README.md (licensing section)', text: section[0].trim() }] : [];
}

function fromPackageJson(dir: string): Omit<ShippedPackage, 'files'> {
  const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
    repository?: string | { url?: string };
  };
  const repository = typeof json.repository === 'string' ? json.repository : (json.repository?.url ?? null);
  return { name: json.name, version: json.version, licence: json.license ?? 'UNKNOWN', isGuessed: false, repository };
}

/** The packages that ship with the app, sorted by name and version. */
export async function shippedPackages(): Promise<ShippedPackage[]> {
  const installed = await checkInstalled();
  const packages: ShippedPackage[] = Object.entries(installed).map(([id, info]) => {
    const at = id.lastIndexOf('@');
    const declared = Array.isArray(info.licenses) ? info.licenses.join(' OR ') : (info.licenses ?? 'UNKNOWN');
    return {
      name: id.slice(0, at),
      version: id.slice(at + 1),
      licence: declared.replace(/\*$/, ''),
      isGuessed: declared.endsWith('*'),
      repository: info.repository ?? null,
      files: info.path ? licenceFiles(info.path) : [],
    };
  });
  for (const name of SHIPPED_DEV_PACKAGES) {
    const dir = path.join(ROOT, 'node_modules', name);
    packages.push({ ...fromPackageJson(dir), files: licenceFiles(dir) });
  }
  return packages.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.version.localeCompare(b.version, 'en'));
}

function satisfies(node: SpdxNode, packageName: string): boolean {
  if ('conjunction' in node) {
    const [left, right] = [satisfies(node.left, packageName), satisfies(node.right, packageName)];
    return node.conjunction === 'and' ? left && right : left || right;
  }
  if (node.exception) return false;
  if (ALLOWED.has(node.license)) return true;
  const lgpl = node.plus ? `${node.license}-or-later` : node.license;
  return LGPL.has(lgpl) && LGPL_PACKAGES.some((pattern) => pattern.test(packageName));
}

/** One sentence per package whose licence is outside the policy (empty: all fit). */
export function licenceViolations(packages: readonly Pick<ShippedPackage, 'name' | 'version' | 'licence'>[]): string[] {
  return packages.flatMap(({ name, version, licence }) => {
    let node: SpdxNode;
    try {
      node = parseSpdx(licence);
    } catch {
      return [`${name}@${version}: "${licence}" is not an SPDX licence expression`];
    }
    return satisfies(node, name) ? [] : [`${name}@${version}: ${licence} is not on the allow-list (scripts/licenses.ts)`];
  });
}

function fenced(text: string): string {
  const longestRun = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** The notice's Markdown: a summary by licence, then each package with its licence texts. */
export function renderNotice(packages: readonly ShippedPackage[]): string {
  const byLicence = new Map<string, number>();
  for (const { licence } of packages) byLicence.set(licence, (byLicence.get(licence) ?? 0) + 1);
  const summary = [...byLicence].sort(([a], [b]) => a.localeCompare(b, 'en')).map(([licence, count]) => `| ${licence} | ${count} |`);
  const sections = packages.map((pkg) => {
    const lines = [
      `## ${pkg.name}@${pkg.version}`,
      '',
      `Licence: ${pkg.licence}${pkg.isGuessed ? ' (read from its licence file; the package declares none)' : ''}`,
    ];
    if (pkg.repository) lines.push(`Source: ${pkg.repository}`);
    if (pkg.files.length === 0) lines.push('', 'The package ships no licence file; its package.json declares the licence above.');
    for (const file of pkg.files) lines.push('', `${file.name}:`, '', fenced(file.text));
    return lines.join('\n');
  });
  return [
    '# Third-party notices',
    '',
    'Persona Workshop is licensed under the Apache License 2.0 (`LICENSE`). It ships with the',
    'packages below (the production dependency tree as installed by `npm install` on Linux x64,',
    'plus Tailwind CSS, whose preflight styles are part of the built CSS), each under its own licence, whose',
    'text follows. The Noto fonts are under the SIL Open Font License 1.1 (`LICENSE_FONT` of each',
    '`@expo-google-fonts` package). libheif-js and the prebuilt libvips of sharp are under the GNU',
    'LGPL 3.0, used unmodified as separate libraries; the LGPL 3.0 adds permissions to the GNU GPL',
    '3.0, whose text is at <https://www.gnu.org/licenses/gpl-3.0.txt>.',
    '',
    'Generated by `npm run licenses` (scripts/licenses.ts) from the installed packages; a test',
    'checks that this file matches them. Do not edit by hand.',
    '',
    `| licence | packages |`,
    `| ------- | -------- |`,
    ...summary,
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n');
}

async function main(): Promise<void> {
  const packages = await shippedPackages();
  const violations = licenceViolations(packages);
  writeFileSync(NOTICE_FILE, renderNotice(packages));
  console.log(`${path.relative(ROOT, NOTICE_FILE)}: ${packages.length} packages`);
  if (violations.length > 0) {
    console.error(`Licences outside the policy:\n${violations.join('\n')}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
