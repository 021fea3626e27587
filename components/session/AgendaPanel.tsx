'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Quadrant } from '../../lib/quadrants';
import type { SessionState } from '../../lib/session/state';
import { AgendaStepRow } from './AgendaStepRow';
import { useCommand, type SendCommand } from './useCommand';
import { FormError } from '../ui/FormError';
import { InlineTextForm } from '../ui/InlineTextForm';

/** The agenda editor: jump, rename, time, reorder, skip, add and remove steps. */
export function AgendaPanel({ session, send, quadrants }: { session: SessionState; send: SendCommand; quadrants: readonly Quadrant[] }) {
  const t = useTranslations('agenda');
  const { run, error } = useCommand(send);
  const [newTitle, setNewTitle] = useState('');
  const lastStep = session.agenda.at(-1)!;

  async function addStep() {
    if (!newTitle.trim()) return;
    const reply = await run({ type: 'step.add', afterStepId: lastStep.id, title: newTitle.trim(), kind: 'custom' });
    if (reply.ok) setNewTitle('');
  }

  return (
    <section aria-label={t('agenda')} className="max-h-[50vh] overflow-y-auto rounded-xl bg-white p-3 shadow-sm">
      <h2 className="mb-2 text-xl font-bold">{t('agenda')}</h2>
      <ol className="flex flex-col gap-1">
        {session.agenda.map((step, index) => (
          <AgendaStepRow
            key={`${step.id}:${step.title}:${step.durationSec}`}
            step={step}
            index={index}
            count={session.agenda.length}
            isCurrent={step.id === session.currentStepId}
            quadrants={quadrants}
            onPatch={(patch) => run({ type: 'step.update', stepId: step.id, patch })}
            onGo={() => run({ type: 'step.goto', stepId: step.id })}
            onMove={(toIndex) => run({ type: 'step.move', stepId: step.id, toIndex })}
            onRemove={() => run({ type: 'step.remove', stepId: step.id })}
          />
        ))}
      </ol>
      <InlineTextForm
        label={t('newStepTitle')}
        value={newTitle}
        onChange={setNewTitle}
        onSubmit={() => void addStep()}
        submitLabel={t('addStep')}
        className="mt-2 flex gap-2"
      />
      <FormError message={error} className="mt-2 text-sm font-medium text-red-700" />
    </section>
  );
}
