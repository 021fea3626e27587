'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Note } from '../../lib/note';
import type { Persona } from '../../lib/persona';
import { quadrantTitle, type QuadrantId } from '../../lib/quadrants';
import type { BoardActions, BoardViewOptions } from '../board/types';
import { ComposerDialog } from './ComposerDialog';
import { NoteDialog } from './NoteDialog';
import { NoteListDialog } from './NoteListDialog';
import type { Panel } from './useStablePanels';

/** Which dialog the projected map has open. */
export type OpenDialog =
  | { kind: 'note'; noteId: string }
  | { kind: 'group'; groupId: string }
  | { kind: 'more'; quadrantId: QuadrantId; noteIds: readonly string[] }
  | { kind: 'compose' };

interface Props {
  dialog: OpenDialog | null;
  persona: Persona;
  notes: readonly Note[];
  panels: readonly Panel[];
  actions: BoardActions;
  view: BoardViewOptions;
  /** The composer starts on this quadrant (the spotlight), else the last one used. */
  defaultQuadrant: QuadrantId | null;
  onChange(dialog: OpenDialog | null): void;
}

/** The map's dialogs: a note's editor, a stack's or "+N more"'s notes, the composer. */
export function MapDialogs({ dialog, persona, notes, panels, actions, view, defaultQuadrant, onChange }: Props) {
  const t = useTranslations('note');
  const [lastQuadrant, setLastQuadrant] = useState<QuadrantId | null>(null);
  const close = () => onChange(null);
  const openNote = (noteId: string) => onChange({ kind: 'note', noteId });
  if (!dialog) return null;

  if (dialog.kind === 'compose') {
    const onMap = (id: QuadrantId | null) => (id && view.quadrants.some((q) => q.id === id) ? id : null);
    return (
      <ComposerDialog
        personaName={persona.name}
        quadrants={view.quadrants}
        initialQuadrant={onMap(defaultQuadrant) ?? onMap(lastQuadrant) ?? view.quadrants[0]!.id}
        onAdd={(quadrant, text) => actions.addNote(persona.id, quadrant, text)}
        onClose={(quadrant) => {
          setLastQuadrant(quadrant);
          close();
        }}
      />
    );
  }
  if (dialog.kind === 'note') {
    const note = notes.find((n) => n.id === dialog.noteId) ?? null;
    const groups = panels.find((panel) => panel.quadrant.id === note?.quadrant)?.groups ?? [];
    return <NoteDialog note={note} groups={groups} actions={actions} view={view} onClose={close} />;
  }
  if (dialog.kind === 'group') {
    const group = panels.flatMap((panel) => panel.groups).find((g) => g.id === dialog.groupId) ?? null;
    const members = notes.filter((note) => note.groupId === dialog.groupId && note.personaId === persona.id);
    return (
      <NoteListDialog
        title={group ? t('groupLabel', { name: group.name }) : t('group')}
        notes={members}
        group={group}
        actions={actions}
        isReadOnly={view.isReadOnly}
        onOpenNote={openNote}
        onClose={close}
      />
    );
  }
  const wanted = new Set(dialog.noteIds);
  const hidden = notes.filter((note) => wanted.has(note.id));
  const where = quadrantTitle(dialog.quadrantId, view.quadrants);
  return (
    <NoteListDialog
      title={t('moreNotesIn', { count: hidden.length, quadrant: where })}
      notes={hidden}
      actions={actions}
      isReadOnly={view.isReadOnly}
      onOpenNote={openNote}
      onClose={close}
    />
  );
}
