'use client';

import { useCallback, useEffect, useState } from 'react';
import type { SessionReply } from '../../lib/api';
import { checkSession, facilitatorSession } from './api';
import { refusalText } from '../../lib/refusals';
import {
  forgetParticipantSession,
  loadFacilitatorKey,
  loadParticipantSession,
  saveFacilitatorKey,
  saveParticipantSession,
} from './storage';

export type SessionState =
  | { phase: 'loading' }
  | { phase: 'needs-join'; notice: string | null }
  | { phase: 'needs-key' }
  | { phase: 'error'; message: string }
  | { phase: 'ready'; session: SessionReply };

/**
 * The participant's session on this device: the stored token if the server still accepts it
 * (or if the server cannot be reached: keep working offline), otherwise the join form.
 */
export function useParticipantSession(code: string) {
  const [state, setState] = useState<SessionState>({ phase: 'loading' });
  useEffect(() => {
    const stored = loadParticipantSession(code);
    if (!stored) {
      setState({ phase: 'needs-join', notice: null });
      return;
    }
    let isCurrent = true;
    void checkSession(code, stored.token).then((result) => {
      if (!isCurrent) return;
      if (result.ok) setState({ phase: 'ready', session: { ...stored, ...result.value } });
      else if (result.status === 0 || result.status >= 500 || result.status === 429) setState({ phase: 'ready', session: stored });
      else {
        forgetParticipantSession(code);
        setState({ phase: 'needs-join', notice: null });
      }
    });
    return () => {
      isCurrent = false;
    };
  }, [code]);

  const joined = useCallback((session: SessionReply) => {
    saveParticipantSession(session);
    setState({ phase: 'ready', session });
  }, []);

  const ended = useCallback(() => {
    forgetParticipantSession(code);
    setState({ phase: 'needs-join', notice: refusalText('removedJoinAgain') });
  }, [code]);

  return { state, joined, ended };
}

/** Reads `#key=…` once, keeps it on this device, wipes it from the address bar (projectors show it). */
export function takeKeyFromFragment(code: string): string | null {
  const match = /(?:^#|&)key=([A-Za-z0-9_-]{20,128})/.exec(window.location.hash);
  if (!match?.[1]) return null;
  saveFacilitatorKey(code, match[1]);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return match[1];
}

/** The facilitator's session: the key (from the link or this device) traded for a token. */
export function useFacilitatorSession(code: string) {
  const [state, setState] = useState<SessionState>({ phase: 'loading' });
  const [key, setKey] = useState<string | null>(null);
  useEffect(() => {
    const found = takeKeyFromFragment(code) ?? loadFacilitatorKey(code);
    setKey(found);
    if (!found) {
      setState({ phase: 'needs-key' });
      return;
    }
    let isCurrent = true;
    void facilitatorSession(code, found).then((result) => {
      if (!isCurrent) return;
      setState(result.ok ? { phase: 'ready', session: result.value } : { phase: 'error', message: result.error });
    });
    return () => {
      isCurrent = false;
    };
  }, [code]);
  const ended = useCallback(() => setState({ phase: 'error', message: refusalText('facilitatorSessionEnded') }), []);
  return { state, key, ended };
}
