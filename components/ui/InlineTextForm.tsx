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
  /** Thumb-sized (44 px) box and button, for phone sheets. */
  isLarge?: boolean;
}

/** One small text box with its button (name a group, rename it, add a step). Enter submits. */
export function InlineTextForm(props: Props) {
  const { label, value, onChange, onSubmit, submitLabel, autoFocus = false, className = 'flex gap-2', isLarge = false } = props;
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
        className={isLarge ? 'input' : 'input min-h-9 max-w-xs py-1 text-sm'}
      />
      <button type="submit" className={isLarge ? 'btn-secondary shrink-0' : 'btn-secondary btn-small'}>
        {submitLabel}
      </button>
    </form>
  );
}
