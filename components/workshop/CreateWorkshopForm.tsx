'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../lib/limits';
import { createWorkshop } from '../sync/api';
import { saveFacilitatorKey } from '../sync/storage';
import { FormError } from '../ui/FormError';

/** Creates a workshop and opens its presenter view with the facilitator key. */
export function CreateWorkshopForm() {
  const router = useRouter();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsBusy(true);
    const result = await createWorkshop(title);
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
      <FormError message={error} />
      <button type="submit" disabled={isBusy} className="btn-primary btn-large">
        {isBusy ? 'Creating…' : 'Create a workshop'}
      </button>
    </form>
  );
}
