'use client';

import { useTranslations } from 'next-intl';
import { useState, type ChangeEvent } from 'react';
import type { Result } from '../../lib/result';
import { uploadPicture } from '../sync/pictures';
import { FormError } from '../ui/FormError';
import { usePictureAccess } from './PictureAccess';

interface Props {
  personaName: string;
  hasPicture: boolean;
  isDisabled: boolean;
  /** Stores the new picture's id on the persona (null removes it). */
  onChange(pictureId: string | null): Result<unknown>;
}

/** "Upload picture" (from disk, or the phone camera) and "Remove picture" for a profile card. */
export function PictureControls({ personaName, hasPicture, isDisabled, onChange }: Props) {
  const t = useTranslations('profile');
  const access = usePictureAccess();
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!access) return null;

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again still fires a change
    if (!file || !access) return;
    setBusy(true);
    setError(null);
    const result = await uploadPicture(access.code, access.token, file);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    const stored = onChange(result.value.pictureId);
    if (!stored.ok) setError(stored.error);
  }

  function remove() {
    setError(null);
    const result = onChange(null);
    if (!result.ok) setError(result.error);
  }

  const inactive = isDisabled || isBusy;
  const fileButton = (label: string, capture?: 'user') => (
    <label className={`btn-secondary btn-small ${inactive ? 'pointer-events-none opacity-60' : 'cursor-pointer'}`}>
      {label}
      <input
        type="file"
        accept="image/*"
        capture={capture}
        className="sr-only"
        disabled={inactive}
        aria-label={t('pictureFor', { action: label, name: personaName })}
        onChange={(event) => void upload(event)}
      />
    </label>
  );

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        {fileButton(t('uploadPicture'))}
        {fileButton(t('takePhoto'), 'user')}
        {hasPicture && (
          <button type="button" className="btn-secondary btn-small disabled:opacity-60" disabled={inactive} onClick={remove}>
            {t('removePicture')}
          </button>
        )}
      </div>
      <p role="status" className="text-sm text-slate-700">
        {isBusy ? t('uploading') : ''}
      </p>
      <FormError message={error} />
    </div>
  );
}
