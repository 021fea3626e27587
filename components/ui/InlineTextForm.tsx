'use client';

import type { FormEvent } from 'react';

interface Props {
  /** The text box's accessible name. */
  label: string;
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
  submitLabel: string;
  autoFocus?: boolean;
  className?: string;
}

/** One small text box with its button (name a group, rename it, add a step). Enter submits. */
export function InlineTextForm({ label, value, onChange, onSubmit, submitLabel, autoFocus = false, className = 'flex gap-2' }: Props) {
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }
  return (
    <form onSubmit={submit} className={className}>
      <input
        aria-label={label}
        autoFocus={autoFocus}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="input min-h-9 max-w-xs py-1 text-sm"
      />
      <button type="submit" className="btn-secondary btn-small">
        {submitLabel}
      </button>
    </form>
  );
}
