'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../lib/limits';
import { TEMPLATES } from '../../lib/quadrants';
import { createWorkshop } from '../sync/api';
import { saveFacilitatorKey } from '../sync/storage';
import { FormError } from '../ui/FormError';

/** Creates a workshop and opens its presenter view with the facilitator key. */
export function CreateWorkshopForm() {
  const router = useRouter();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<keyof typeof TEMPLATES>('six');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsBusy(true);
    const result = await createWorkshop(title, template);
    setIsBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    saveFacilitatorKey(result.value.code, result.value.facilitatorKey);
    router.push(`/w/${result.value.code}/present`);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <label className="flex flex-col gap-1 font-medium text-slate-800">
        Workshop title
        <input
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          maxLength={LIMITS.titleChars}
          placeholder="Who buys from our coffee shop?"
          className="input text-lg"
        />
      </label>
      <fieldset className="flex flex-col gap-1">
        <legend className="font-medium text-slate-800">Empathy map</legend>
        {(Object.keys(TEMPLATES) as (keyof typeof TEMPLATES)[]).map((id) => (
          <label key={id} className="flex min-h-11 items-center gap-3 text-slate-800">
            <input type="radio" name="template" value={id} checked={template === id} onChange={() => setTemplate(id)} className="h-5 w-5" />
            {TEMPLATES[id].label}
          </label>
        ))}
        <p className="text-sm text-slate-600">You can change the quadrants later, or write your own.</p>
      </fieldset>
      <FormError message={error} />
      <button type="submit" disabled={isBusy} className="btn-primary btn-large">
        {isBusy ? 'Creating…' : 'Create a workshop'}
      </button>
    </form>
  );
}
