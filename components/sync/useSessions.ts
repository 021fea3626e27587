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

/** How long a session the join form just got is taken as it is, without asking the server again. */
const JUST_JOINED_MS = 30_000;
let justJoined: { session: SessionReply; at: number } | null = null;

/**
 * Keeps the session the server issued to the join form a moment ago, on this device and in this
 * page's memory: the participant page it navigates to opens the board's connections on its first
 * render instead of asking the server, one round trip later, whether the token it just got holds.
 */
export function keepJoinedSession(session: SessionReply): void {
  saveParticipantSession(session);
  justJoined = { session, at: Date.now() };
}

function joinedJustNow(code: string): SessionReply | null {
  if (!justJoined || justJoined.session.code !== code || Date.now() - justJoined.at > JUST_JOINED_MS) return null;
  return justJoined.session;
}

const initialState = (code: string): SessionState => {
  const session = joinedJustNow(code);
  return session ? { phase: 'ready', session } : { phase: 'loading' };
};

/**
 * The participant's session on this device: the one just joined with (`keepJoinedSession`), else
 * the stored token if the server still accepts it (or if the server cannot be reached: keep
 * working offline), otherwise the join form.
 */
export function useParticipantSession(code: string) {
  const [state, setState] = useState<SessionState>(() => initialState(code));
  useEffect(() => {
    const fresh = joinedJustNow(code);
    if (fresh) {
      setState((current) => (current.phase === 'ready' && current.session === fresh ? current : { phase: 'ready', session: fresh }));
      return;
    }
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
    if (justJoined?.session.code === code) justJoined = null;
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
