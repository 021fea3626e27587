import { formatRoomCode } from '../../lib/roomCode';
import { formatExportDate, type ExportModel, type NoteExport, type PersonaExport } from './exportModel';

/**
 * Note text is what people typed, so it must not turn into headings, links, HTML or code in
 * whatever renders the file: Markdown punctuation is backslash-escaped, line breaks stay
 * inside the bullet.
 */
export function escapeMarkdown(text: string): string {
  return text
    .trim()
    .split(/\r\n?|\n/)
    .map((line) =>
      line
        .replace(/[\\`*_[\]<>|~]/g, (char) => `\\${char}`)
        .replace(/&(?=#?\w+;)/g, '\\&')
        .replace(/^(\s*)([#>+=-]|\d+[.)])/, (_match, space: string, marker: string) => `${space}${marker.replace(/([#>+=.)-])$/, '\\$1')}`),
    )
    .join('  \n  ');
}

/** For headings and names: one line, escaped. */
function inline(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' '));
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** A note, its author (none for anonymous steps), evidence label, closed-vote dots and group. */
function noteToMarkdown(note: NoteExport): string {
  const author = note.authorName ? ` — _${inline(note.authorName)}_` : '';
  const evidence = note.evidence ? ` (${note.evidence})` : '';
  const votes = note.votes > 0 ? ` · ${plural(note.votes, 'vote', 'votes')}` : '';
  const group = note.groupName ? ` · group: ${inline(note.groupName)}` : '';
  return `${escapeMarkdown(note.text)}${author}${evidence}${votes}${group}`;
}

/** Counts, the quote and the filled-in profile fields (hidden ones are not in the model). */
function profileToMarkdown(persona: PersonaExport): string[] {
  const authors = [plural(persona.authorCount, 'person', 'people'), persona.anonymousCount > 0 ? `${persona.anonymousCount} anonymous` : '']
    .filter(Boolean)
    .join(', ');
  const lines = [
    `${plural(persona.noteCount, 'note', 'notes')} by ${authors} · ${persona.observedCount} observed · ${persona.assumedCount} assumed`,
    '',
  ];
  if (persona.quote) lines.push(`> “${inline(persona.quote)}”`, '');
  for (const field of persona.profile) lines.push(`- **${inline(field.label)}:** ${escapeMarkdown(field.value)}`);
  if (persona.profile.length > 0) lines.push('');
  return lines;
}

/** The board as Markdown: a heading per persona and per quadrant, a bullet per note with its author. */
export function boardToMarkdown(model: ExportModel): string {
  const lines: string[] = [`# ${inline(model.title)}`, ''];
  lines.push(`Room code ${formatRoomCode(model.code)} · workshop of ${formatExportDate(model.workshopDate)}`);
  lines.push(`Exported ${new Date(model.exportedAt).toISOString()}`, '');
  const names = model.participants.map(inline).join(', ');
  lines.push(
    model.withheldParticipants > 0
      ? `Participants: ${model.withheldParticipants} (names left out: the workshop had anonymous steps)`
      : `Participants (${model.participants.length}): ${names || 'none'}`,
    '',
  );
  for (const persona of model.personas) {
    lines.push(`## ${inline(persona.name)}`, '');
    lines.push(...profileToMarkdown(persona));
    for (const quadrant of persona.quadrants) {
      lines.push(`### ${quadrant.title}`, '');
      if (quadrant.notes.length === 0) lines.push('_No notes._');
      else lines.push(`${quadrant.observedCount} observed · ${quadrant.assumedCount} assumed`, '');
      for (const note of quadrant.notes) lines.push(`- ${noteToMarkdown(note)}`);
      lines.push('');
    }
    lines.push(...planToMarkdown(persona));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Scenario, journey steps with their notes, open questions and the action plan of a persona. */
function planToMarkdown(persona: PersonaExport): string[] {
  const lines: string[] = ['### Scenario', '', persona.scenario ? escapeMarkdown(persona.scenario) : '_No scenario._', ''];
  lines.push('### Journey', '');
  if (persona.journey.length === 0) lines.push('_No steps._', '');
  persona.journey.forEach((step, index) => {
    lines.push(`${index + 1}\. **${inline(step.title)}**`);
    for (const note of step.notes) lines.push(`   - ${noteToMarkdown(note)}`);
    lines.push('');
  });
  lines.push("### What we don't know", '');
  if (persona.questions.length === 0) lines.push('_No open questions._');
  for (const question of persona.questions) lines.push(`- ${escapeMarkdown(question.text)}`);
  lines.push('', '### Action plan', '');
  if (persona.actions.length === 0) lines.push('_No actions._');
  for (const action of persona.actions) {
    const owner = action.ownerName ? ` — owner: ${inline(action.ownerName)}` : '';
    const due = action.dueDate ? ` — due ${action.dueDate}` : '';
    lines.push(`- [${action.isDone ? 'x' : ' '}] ${escapeMarkdown(action.text)}${owner}${due}`);
  }
  lines.push('');
  return lines;
}
