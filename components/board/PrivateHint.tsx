'use client';

import { Lock } from 'lucide-react';
import { useTranslations } from 'next-intl';

/**
 * Under a composer in a private or anonymous step: what is added waits in "Your private notes"
 * (below the board) until the reveal; after an add, the status line says where it went.
 */
export function PrivateHint({ added }: { added: boolean }) {
  const t = useTranslations('note');
  return (
    <div className="basis-full text-sm text-slate-800">
      <p className="flex items-center gap-1 font-medium">
        <Lock aria-hidden size={14} /> {t('privateHint')}
      </p>
      <p role="status">{added ? t('addedPrivately') : ''}</p>
    </div>
  );
}
