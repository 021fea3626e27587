'use client';

import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fetchPicture } from '../sync/pictures';

/** What a view needs to load and upload pictures: the room and this device's session token. */
export interface PictureAccess {
  code: string;
  token: string;
}

const PictureAccessContext = createContext<PictureAccess | null>(null);

/** Wraps a workshop view so every avatar and profile card under it can reach the pictures. */
export function PictureAccessProvider({ code, token, children }: { code: string; token: string | null; children: ReactNode }) {
  const value = useMemo(() => (token ? { code, token } : null), [code, token]);
  return <PictureAccessContext value={value}>{children}</PictureAccessContext>;
}

/** Null outside a workshop view (or before the session is known): pictures then fall back to initials. */
export function usePictureAccess(): PictureAccess | null {
  return useContext(PictureAccessContext);
}

/** An object URL for the persona's picture, or null while it loads, if it fails, or without one. */
export function usePictureUrl(pictureId: string | null | undefined): string | null {
  const access = usePictureAccess();
  const [loaded, setLoaded] = useState<{ key: string; url: string } | null>(null);
  const key = access && pictureId ? `${access.code}/${pictureId}` : null;

  useEffect(() => {
    if (!access || !pictureId) return;
    const controller = new AbortController();
    let url: string | null = null;
    void fetchPicture(access.code, access.token, pictureId, controller.signal).then((blob) => {
      if (!blob || controller.signal.aborted) return;
      url = URL.createObjectURL(blob);
      setLoaded({ key: `${access.code}/${pictureId}`, url });
    });
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [access, pictureId]);

  return loaded && loaded.key === key ? loaded.url : null;
}
