'use client';

import { useTranslations } from 'next-intl';
import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { ActionItem } from '../../lib/actions';
import { LIMITS } from '../../lib/limits';
import type { BoardActions } from '../board/types';
import { RefusalText } from '../ui/RefusalText';

export interface Person {
  participantId: string;
  name: string;
}

interface Props {
  item: ActionItem;
  index: number;
  people: readonly Person[];
  actions: BoardActions;
  isReadOnly: boolean;
  isLarge: boolean;
}

const FREE_TEXT = '__free';

/** One action: done checkbox, text, owner (a participant or free text) and due date. */
export function ActionRow({ item, index, people, actions, isReadOnly, isLarge }: Props) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations('plan');
  const n = index + 1;
  const size = isLarge ? 'text-xl' : 'text-base';
  const isKnownOwner = item.ownerParticipantId !== null && people.some((p) => p.participantId === item.ownerParticipantId);
  const run = (result: { ok: true } | { ok: false; error: string }) => setError(result.ok ? null : result.error);
  function saveText() {
    if (text !== null && text !== item.text) run(actions.editAction(item.id, { text }));
    setText(null);
  }
  function pickOwner(value: string) {
    const person = people.find((p) => p.participantId === value);
    run(
      actions.editAction(item.id, {
        owner: person ? { participantId: person.participantId, name: person.name } : { participantId: null, name: '' },
      }),
    );
  }
  return (
    <li className={`grid grid-cols-[auto_1fr] items-center gap-2 rounded-lg border border-slate-300 bg-white p-3 ${size}`}>
      <input
        type="checkbox"
        aria-label={t('actionDone', { number: n })}
        checked={item.isDone}
        disabled={isReadOnly}
        onChange={(event) => run(actions.setActionDone(item.id, event.target.checked))}
        className="size-5"
      />
      <input
        aria-label={t('action', { number: n })}
        value={text ?? item.text}
        readOnly={isReadOnly}
        maxLength={LIMITS.actionTextChars}
        onChange={(event) => setText(event.target.value)}
        onBlur={saveText}
        onKeyDown={(event) => event.key === 'Enter' && saveText()}
        className={`min-w-0 rounded-md border border-slate-300 px-3 py-2 text-slate-900 ${item.isDone ? 'line-through' : ''}`}
      />
      <div className="col-span-2 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-end">
        <label className="flex flex-col text-sm font-medium text-slate-800">
          {t('owner')}
          <select
            value={isKnownOwner ? (item.ownerParticipantId ?? '') : FREE_TEXT}
            disabled={isReadOnly}
            onChange={(event) => pickOwner(event.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-2 text-base"
          >
            <option value={FREE_TEXT}>{t('typeAName')}</option>
            {people.map((person) => (
              <option key={person.participantId} value={person.participantId}>
                {person.name}
              </option>
            ))}
          </select>
        </label>
        {!isKnownOwner && (
          <label className="flex min-w-0 flex-1 flex-col text-sm font-medium text-slate-800">
            {t('ownerName')}
            <input
              defaultValue={item.ownerName}
              key={item.ownerName}
              readOnly={isReadOnly}
              maxLength={LIMITS.actionOwnerNameChars}
              onBlur={(event) =>
                event.target.value !== item.ownerName &&
                run(actions.editAction(item.id, { owner: { participantId: null, name: event.target.value } }))
              }
              className="rounded-md border border-slate-300 px-2 py-2 text-base"
            />
          </label>
        )}
        <label className="flex flex-col text-sm font-medium text-slate-800">
          {t('dueDate')}
          <input
            type="date"
            value={item.dueDate ?? ''}
            readOnly={isReadOnly}
            onChange={(event) => run(actions.editAction(item.id, { dueDate: event.target.value || null }))}
            className="rounded-md border border-slate-300 px-2 py-2 text-base"
          />
        </label>
        {!isReadOnly && actions.mayDelete('actions', item.id) === true && (
          <button
            type="button"
            aria-label={t('deleteAction', { text: item.text })}
            onClick={() => actions.deleteAction(item.id)}
            className="grid size-9 place-items-center self-end rounded-md text-slate-700 hover:bg-slate-100 sm:ml-auto"
          >
            <Trash2 aria-hidden size={18} />
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="col-span-2 text-sm font-medium text-red-700">
          <RefusalText text={error} />
        </p>
      )}
    </li>
  );
}
