/** The `format` an `export.json` carries, and what an import reads. */
export const EXPORT_FORMAT = 'persona-workshop/v1';

/** `export.json` of a full board is a few MiB at most (the doc itself is capped at 8 MiB). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
