import type { ExportModel, NoteExport } from './exportModel';
import { exportTranslator } from './exportTexts';

/**
 * Newer columns go last, so older ones keep their place. `journey_step` is empty for a note on
 * the empathy map; `quadrant` is empty for a note on a journey step; `author` is empty for a
 * note from an anonymous step; `votes` counts dots from closed vote rounds.
 */
export const CSV_COLUMNS = [
  'persona',
  'quadrant',
  'text',
  'author',
  'colour',
  'created_at',
  'journey_step',
  'evidence',
  'votes',
  'group',
] as const;

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
 * which Excel reads "Zoë" as "ZoÃ«". The header row and the evidence labels are in the
 * workshop's language (an English workshop's are `CSV_COLUMNS` exactly); the columns keep
 * their order in every language, so a tool can read them by position.
 */
export function boardToCsv(model: ExportModel): string {
  const t = exportTranslator(model.locale);
  const rows: string[][] = [CSV_COLUMNS.map((column) => t(`csv.${column}`))];
  const row = (persona: string, quadrant: string, note: NoteExport, step: string) => [
    persona,
    quadrant,
    note.text,
    note.authorName,
    note.color,
    new Date(note.createdAt).toISOString(),
    step,
    note.evidence ? t(note.evidence) : '',
    String(note.votes),
    note.groupName,
  ];
  for (const persona of model.personas) {
    for (const quadrant of persona.quadrants) {
      for (const note of quadrant.notes) rows.push(row(persona.name, quadrant.title, note, ''));
    }
    for (const step of persona.journey) {
      for (const note of step.notes) rows.push(row(persona.name, '', note, step.title));
    }
  }
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
