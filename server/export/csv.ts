import type { ExportModel } from './exportModel';

/**
 * `journey_step` (last, so older columns keep their place) is empty for a note on the empathy map;
 * `quadrant` is empty for a note on a journey step.
 */
export const CSV_COLUMNS = ['persona', 'quadrant', 'text', 'author', 'colour', 'created_at', 'journey_step'] as const;

/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or carriage
 * return) as a formula: `=HYPERLINK(…)` in a note would phish whoever opens the export. A leading
 * single quote makes the cell text (OWASP's CSV injection advice).
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes. */
export function csvField(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * One row per note, CRLF line ends (RFC 4180). Starts with a UTF-8 byte order mark, without
 * which Excel reads "Zoë" as "ZoÃ«".
 */
export function boardToCsv(model: ExportModel): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const persona of model.personas) {
    for (const quadrant of persona.quadrants) {
      for (const note of quadrant.notes) {
        rows.push([persona.name, quadrant.title, note.text, note.authorName, note.color, new Date(note.createdAt).toISOString(), '']);
      }
    }
    for (const step of persona.journey) {
      for (const note of step.notes) {
        rows.push([persona.name, '', note.text, note.authorName, note.color, new Date(note.createdAt).toISOString(), step.title]);
      }
    }
  }
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
