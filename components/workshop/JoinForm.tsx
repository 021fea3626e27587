'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState, type FormEvent } from 'react';
import type { SessionReply } from '../../lib/api';
import { formatRoomCode, parseRoomCode } from '../../lib/roomCode';
import { joinWorkshop } from '../sync/api';
import { FormError } from '../ui/FormError';
import { warmIntlWhenIdle } from '../ui/warmIntl';
import { RefusalText } from '../ui/RefusalText';

interface Props {
  initialCode?: string;
  notice?: string | null;
  onJoined(session: SessionReply): void;
  /** The code box holds a valid room code (on mount too, when given one): e.g. to fetch that room's page ahead. */
  onCodeReady?(code: string): void;
}

/** Room code + name → in. The code may be typed in any case, with or without the dash. */
export function JoinForm({ initialCode = '', notice = null, onJoined, onCodeReady }: Props) {
  const t = useTranslations('home');
  const [code, setCode] = useState(initialCode ? formatRoomCode(initialCode) : '');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const locale = useLocale();
  useEffect(() => warmIntlWhenIdle(locale), [locale]);
  const readyCode = parseRoomCode(code);
  useEffect(() => {
    if (readyCode) onCodeReady?.(readyCode);
  }, [readyCode, onCodeReady]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseRoomCode(code);
    if (!parsed) {
      setError(t('codeInvalid'));
      return;
    }
    if (!name.trim()) {
      setError(t('nameMissing'));
      return;
    }
    setIsBusy(true);
    const result = await joinWorkshop(parsed, name.trim());
    setIsBusy(false);
    if (result.ok) onJoined(result.value);
    else setError(result.error);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {notice && (
        <p className="rounded-md bg-amber-50 p-3 text-amber-900">
          <RefusalText text={notice} />
        </p>
      )}
      <label className="flex flex-col gap-1 font-medium text-slate-800">
        {t('roomCode')}
        <input
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="ABCD-2345"
          className="input font-mono text-2xl uppercase tracking-widest"
        />
      </label>
      <label className="flex flex-col gap-1 font-medium text-slate-800">
        {t('yourName')}
        <input
          value={name}
          onChange={(event) => setName(event.target.value)}
          autoComplete="given-name"
          maxLength={40}
          className="input text-lg"
        />
      </label>
      <FormError message={error} />
      <button type="submit" disabled={isBusy} className="btn-primary btn-large">
        {isBusy ? t('joining') : t('join')}
      </button>
    </form>
  );
}
