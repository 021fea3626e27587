'use client';

import { useRefusalText } from './useRefusalText';

/**
 * A sentence saying what went wrong, announced to screen readers as it appears. A refusal that
 * `lib/` worded in English is shown in the reader's language (see `useRefusalText`).
 */
export function FormError({ message, className = 'font-medium text-red-700' }: { message: string | null; className?: string }) {
  const refusal = useRefusalText();
  if (!message) return null;
  return (
    <p role="alert" className={className}>
      {refusal(message)}
    </p>
  );
}
