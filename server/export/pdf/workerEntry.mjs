// Entry of a PDF worker thread. Workers start without the parent's TypeScript loader (the
// server may run under tsx, Vitest or anything else), so this plain module loads the
// renderer through tsx's scoped importer, with the repository's tsconfig for JSX.
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
await tsImport('./pdfWorker.ts', { parentURL: import.meta.url, tsconfig });
