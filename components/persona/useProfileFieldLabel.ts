'use client';

import { useTranslations } from 'next-intl';
import { isProfileFieldKey } from '../../lib/profile';

/**
 * A profile field's label in the UI language: the standard fields' from the catalog (the board
 * stores only their keys), a custom field's as the facilitator typed it (`fallback`).
 */
export function useProfileFieldLabel(): (key: string, fallback: string) => string {
  const t = useTranslations('profileFields');
  return (key, fallback) => (isProfileFieldKey(key) ? t(key) : fallback);
}
