'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { LIMITS } from '../../lib/limits';
import type { Result } from '../../lib/result';
import { RefusalText } from '../ui/RefusalText';

interface Props {
  value: string;
  onSave(text: string): Result<unknown>;
  isReadOnly: boolean;
  isLarge: boolean;
}

/** How long typing may pause before the scenario is saved (it is also saved on blur). */
const SAVE_DELAY_MS = 800;

/** The persona's buying scenario: a textarea saved after a pause in typing and on blur. */
export function ScenarioField({ value, onSave, isReadOnly, isLarge }: Props) {
  const t = useTranslations('plan');
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const id = useId();

  useEffect(() => () => void (timer.current !== null && clearTimeout(timer.current)), []);

  function save(text: string) {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const result = onSave(text);
    setError(result.ok ? null : result.error);
  }

  function change(text: string) {
    setDraft(text);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => save(text), SAVE_DELAY_MS);
  }

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={`font-semibold text-slate-900 ${isLarge ? 'text-2xl' : 'text-base'}`}>
        {t('buyingScenario')}
      </label>
      {isReadOnly ? (
        <p id={id} className={`whitespace-pre-wrap text-slate-800 ${isLarge ? 'text-xl' : 'text-base'}`}>
          {value || t('noScenario')}
        </p>
      ) : (
        <textarea
          id={id}
          value={draft ?? value}
          maxLength={LIMITS.scenarioChars}
          rows={isLarge ? 3 : 4}
          placeholder={t('scenarioPlaceholder')}
          onChange={(event) => change(event.target.value)}
          onBlur={() => {
            if (draft !== null) save(draft);
            setDraft(null);
          }}
          className={`w-full resize-y rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 ${isLarge ? 'text-xl' : 'text-base'}`}
        />
      )}
      {error && (
        <p role="alert" className="text-sm font-medium text-red-700">
          <RefusalText text={error} />
        </p>
      )}
    </div>
  );
}
