import { formatRoomCode } from '../../lib/roomCode';
import type { ExportModel, NoteExport, PersonaExport } from './exportModel';
import { exportTranslator, formatDueDate, formatExportDate, formatParts, type ExportTranslator } from './exportTexts';

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

/** A note, its author (none for anonymous steps), evidence label, closed-vote dots and group. */
function noteToMarkdown(note: NoteExport, t: ExportTranslator): string {
  const author = note.authorName ? ` — _${inline(note.authorName)}_` : '';
  const evidence = note.evidence ? ` (${t(note.evidence)})` : '';
  const votes = note.votes > 0 ? ` · ${t('votes', { count: note.votes })}` : '';
  const group = note.groupName ? ` · ${t('mdGroup', { name: inline(note.groupName) })}` : '';
  return `${escapeMarkdown(note.text)}${author}${evidence}${votes}${group}`;
}

/** Counts, the quote and the filled-in profile fields (hidden ones are not in the model). */
function profileToMarkdown(persona: PersonaExport, t: ExportTranslator, model: ExportModel): string[] {
  const authors = formatParts(
    [
      t('people', { count: persona.authorCount }),
      persona.anonymousCount > 0 ? t('anonymousCount', { count: persona.anonymousCount }) : '',
    ].filter(Boolean),
    model.locale,
  );
  const summary = t('mdSummary', {
    notes: t('noteCount', { count: persona.noteCount }),
    authors,
    observed: t('observedCount', { count: persona.observedCount }),
    assumed: t('assumedCount', { count: persona.assumedCount }),
  });
  const lines = [summary, ''];
  if (persona.quote) lines.push(`> “${inline(persona.quote)}”`, '');
  for (const field of persona.profile) lines.push(`- **${inline(field.label)}:** ${escapeMarkdown(field.value)}`);
  if (persona.profile.length > 0) lines.push('');
  return lines;
}

/** Who took part: named, or only counted when the workshop had anonymous steps. */
function participantsLine(model: ExportModel, t: ExportTranslator): string {
  if (model.withheldParticipants > 0) return t('mdWithheld', { count: model.withheldParticipants });
  const names = model.participants.map(inline).join(', ');
  return t('mdParticipants', { count: model.participants.length, names: names || t('mdNone') });
}

/**
 * The board as Markdown: a heading per persona and per quadrant, a bullet per note with its
 * author. The file's own words are in the workshop's language; what people typed is as typed.
 */
export function boardToMarkdown(model: ExportModel): string {
  const t = exportTranslator(model.locale);
  const lines: string[] = [`# ${inline(model.title)}`, ''];
  lines.push(t('mdRoomCode', { code: formatRoomCode(model.code), date: formatExportDate(model.workshopDate, model.locale) }));
  lines.push(t('mdExported', { timestamp: new Date(model.exportedAt).toISOString() }), '');
  lines.push(participantsLine(model, t), '');
  for (const persona of model.personas) {
    lines.push(`## ${inline(persona.name)}`, '');
    lines.push(...profileToMarkdown(persona, t, model));
    for (const quadrant of persona.quadrants) {
      lines.push(`### ${quadrant.title}`, '');
      if (quadrant.notes.length === 0) lines.push(`_${t('mdNoNotes')}_`);
      else {
        const observed = t('observedCount', { count: quadrant.observedCount });
        lines.push(`${observed} · ${t('assumedCount', { count: quadrant.assumedCount })}`, '');
      }
      for (const note of quadrant.notes) lines.push(`- ${noteToMarkdown(note, t)}`);
      lines.push('');
    }
    lines.push(...planToMarkdown(persona, t, model));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Scenario, journey steps with their notes, open questions and the action plan of a persona. */
function planToMarkdown(persona: PersonaExport, t: ExportTranslator, model: ExportModel): string[] {
  const empty = (text: string) => `_${text}_`;
  const lines: string[] = [
    `### ${t('mdScenario')}`,
    '',
    persona.scenario ? escapeMarkdown(persona.scenario) : empty(t('mdNoScenario')),
    '',
  ];
  lines.push(`### ${t('journey')}`, '');
  if (persona.journey.length === 0) lines.push(empty(t('mdNoSteps')), '');
  persona.journey.forEach((step, index) => {
    lines.push(`${index + 1}\. **${inline(step.title)}**`);
    for (const note of step.notes) lines.push(`   - ${noteToMarkdown(note, t)}`);
    lines.push('');
  });
  lines.push(`### ${t('whatWeDontKnow')}`, '');
  if (persona.questions.length === 0) lines.push(empty(t('noOpenQuestions')));
  for (const question of persona.questions) lines.push(`- ${escapeMarkdown(question.text)}`);
  lines.push('', `### ${t('actionPlan')}`, '');
  if (persona.actions.length === 0) lines.push(empty(t('mdNoActions')));
  for (const action of persona.actions) {
    const owner = action.ownerName ? ` — ${t('mdOwner', { name: inline(action.ownerName) })}` : '';
    const due = action.dueDate ? ` — ${t('mdDue', { date: formatDueDate(action.dueDate, model.locale) })}` : '';
    lines.push(`- [${action.isDone ? 'x' : ' '}] ${escapeMarkdown(action.text)}${owner}${due}`);
  }
  lines.push('');
  return lines;
}
