'use client';

import { useCallback, useState } from 'react';
import type { CommandInput, CommandReply } from '../../lib/session/commands';

export type SendCommand = (command: CommandInput) => Promise<CommandReply>;

/**
 * Sends commands and keeps the last failure (or what an accepted command could not do in full) as
 * a sentence to show, until the next command or `clear`.
 */
export function useCommand(send: SendCommand) {
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (command: CommandInput) => {
      const reply = await send(command);
      setError(reply.ok ? (reply.notice ?? null) : reply.error);
      return reply;
    },
    [send],
  );
  const clear = useCallback(() => setError(null), []);
  return { run, error, clear };
}
