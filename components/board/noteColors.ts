import type { NoteColor } from '../../lib/note';

/** Paper colours with dark text: every pair passes WCAG AA contrast. */
export const NOTE_COLOR_CLASSES: Record<NoteColor, string> = {
  yellow: 'bg-yellow-200 border-yellow-400',
  pink: 'bg-pink-200 border-pink-400',
  blue: 'bg-sky-200 border-sky-400',
  green: 'bg-green-200 border-green-500',
  orange: 'bg-orange-200 border-orange-400',
  purple: 'bg-violet-200 border-violet-400',
};

/**
 * A board of 1,000 notes is mostly off screen: the browser skips laying out and painting those
 * notes (keeping their last size) until they scroll near. The clip margin keeps the vote badge,
 * which sits over the note's corner, visible under the paint containment this brings.
 */
export const OFFSCREEN_SKIPPED = '[content-visibility:auto] [contain-intrinsic-size:auto_7rem] [overflow-clip-margin:1rem]';
