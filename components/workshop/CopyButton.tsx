'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

/** Copies text to the clipboard and says so, with a fallback prompt where the API is missing. */
export function CopyButton({ text, label, className = 'btn-secondary' }: { text: string; label: string; className?: string }) {
  const t = useTranslations('note');
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      window.prompt(t('copyThisLink'), text); // insecure contexts (http on a LAN) have no clipboard API
    }
  }
  return (
    <button type="button" onClick={copy} className={className}>
      {label}
      <span role="status" className="sr-only">
        {copied ? t('copied') : ''}
      </span>
      {copied && <span aria-hidden> ✓</span>}
    </button>
  );
}
