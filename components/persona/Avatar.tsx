'use client';

import { personaInitials } from '../../lib/profile';
import { usePictureUrl } from './PictureAccess';

/** Dark enough for white initials at any size (WCAG AA). */
const AVATAR_COLORS = ['bg-blue-700', 'bg-emerald-700', 'bg-purple-700', 'bg-rose-700', 'bg-amber-800', 'bg-teal-700', 'bg-indigo-700'];

const SIZES = { small: 'h-8 w-8 text-sm', medium: 'h-16 w-16 text-2xl', large: 'h-28 w-28 text-5xl' } as const;

function colorFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return AVATAR_COLORS[hash % AVATAR_COLORS.length]!;
}

interface Props {
  persona: { id: string; name: string; pictureId?: string | null };
  size?: keyof typeof SIZES;
  className?: string;
}

/**
 * The persona's uploaded picture, else a generated avatar: the initials on a colour derived from
 * its id, so every screen shows the same one (also while the picture loads or if it fails).
 */
export function Avatar({ persona, size = 'medium', className = '' }: Props) {
  const pictureUrl = usePictureUrl(persona.pictureId);
  if (pictureUrl) {
    // A blob: URL of bytes the server re-encoded (next/image cannot load those).
    return <img src={pictureUrl} alt="" aria-hidden className={`shrink-0 rounded-full object-cover ${SIZES[size]} ${className}`} />;
  }
  return (
    <span
      aria-hidden
      dir="auto"
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-bold text-white select-none ${SIZES[size]} ${colorFor(persona.id)} ${className}`}
    >
      {personaInitials(persona.name)}
    </span>
  );
}
