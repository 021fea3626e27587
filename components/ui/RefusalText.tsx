'use client';

import { useRefusalText } from './useRefusalText';

/** `text` in the reader's language when it is one of the refusals `lib/` words in English; else as it is. */
export function RefusalText({ text }: { text: string }) {
  return useRefusalText()(text);
}
