'use client';

import { Check } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useCommand, type SendCommand } from './useCommand';
import { FormError } from '../ui/FormError';

/** "I'm done": tells the facilitator this participant has finished the step. */
export function DoneToggle({ isDone, send }: { isDone: boolean; send: SendCommand }) {
  const t = useTranslations('session');
  const { run, error } = useCommand(send);
  return (
    <div className="flex flex-col items-end">
      <button
        type="button"
        aria-pressed={isDone}
        onClick={() => run({ type: 'participant.done', isDone: !isDone })}
        className="btn-secondary aria-pressed:border-green-700 aria-pressed:bg-green-100"
      >
        <Check aria-hidden size={18} className={isDone ? 'me-1' : 'me-1 opacity-30'} />
        {t('done')}
      </button>
      <FormError message={error} className="text-sm text-red-700" />
    </div>
  );
}
