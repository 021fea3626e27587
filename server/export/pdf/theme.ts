import { StyleSheet } from '@react-pdf/renderer';
import { createContext, useContext } from 'react';
import type { NoteColor } from '../../../lib/note';

export const INK = '#0F172A';
export const MUTED = '#64748B';
export const RULE = '#E2E8F0';
/** Evidence labels: observed (heard from a customer), assumed (ours to verify), and unlabelled. */
export const EVIDENCE_COLORS = { observed: '#15803D', assumed: '#B45309', unlabelled: '#CBD5E1' } as const;

/**
 * Accents for the quadrants, by their place on the map: a quadrant's top bar, title and count,
 * and a pale tint behind its notes. Eight, the most a map can have.
 */
const QUADRANT_ACCENTS = [
  { accent: '#2563EB', tint: '#F3F7FF' },
  { accent: '#7C3AED', tint: '#F7F5FF' },
  { accent: '#DB2777', tint: '#FEF5FA' },
  { accent: '#D97706', tint: '#FFFBF0' },
  { accent: '#DC2626', tint: '#FEF6F6' },
  { accent: '#16A34A', tint: '#F2FCF5' },
  { accent: '#0891B2', tint: '#F0FBFD' },
  { accent: '#4D7C0F', tint: '#F6FBEF' },
] as const;

/** Notes whose quadrant is not on the map (the template changed) print in grey. */
const OFF_MAP_ACCENT = { accent: MUTED, tint: '#F8FAFC' };

export function quadrantAccent(index: number): { accent: string; tint: string } {
  return QUADRANT_ACCENTS[index] ?? OFF_MAP_ACCENT;
}

/** The board's sticky-note colours (Tailwind 200 paper, 400 edge), as on screen. */
export const NOTE_PAPER: Record<NoteColor, { paper: string; edge: string }> = {
  yellow: { paper: '#FEF08A', edge: '#FACC15' },
  pink: { paper: '#FBCFE8', edge: '#F472B6' },
  blue: { paper: '#BAE6FD', edge: '#38BDF8' },
  green: { paper: '#BBF7D0', edge: '#22C55E' },
  orange: { paper: '#FED7AA', edge: '#FB923C' },
  purple: { paper: '#DDD6FE', edge: '#A78BFA' },
};

/**
 * react-pdf's newer pagination engine measures content once and packs it into pages: about
 * twice as fast on big boards as the default, which re-lays out every split page. Opt-in in
 * 4.9 (hence the exact pin); any page opting in switches the whole document.
 */
export const PAGINATION = { experimentalPagination: true } as const;

/**
 * OpenType shaping (kerning, ligatures, mark positioning) is most of fontkit's work, and in
 * small type nobody sees it: the page's text is set without it (fontkit lays a line out six
 * times faster), headings turn it back on. Note text is NFC-normalised, so accents are
 * precomposed glyphs that need no mark positioning.
 */
const PLAIN_TEXT_FEATURES = {
  kern: false,
  liga: false,
  calt: false,
  clig: false,
  rlig: false,
  mark: false,
  mkmk: false,
  ccmp: false,
  locl: false,
};
/** No overrides: the font's default features. */
export const FULL_SHAPING = {};

/**
 * The font families this document uses (see `fontStackFor`), for every page. A context rather
 * than a constant: a document only lists, and so only loads, the families its text needs.
 */
export const FontStackContext = createContext<readonly string[]>(['NotoSans']);

/** A page's style with the document's font stack. */
export function usePageStyle() {
  return [styles.page, { fontFamily: [...useContext(FontStackContext)] }];
}

export const styles = StyleSheet.create({
  page: {
    fontFeatureSettings: PLAIN_TEXT_FEATURES,
    color: INK,
    fontSize: 9,
    paddingTop: 36,
    paddingBottom: 46,
    paddingHorizontal: 36,
  },
  eyebrow: { fontSize: 8, fontWeight: 700, letterSpacing: 1.2, color: MUTED, textTransform: 'uppercase' },
  footer: {
    position: 'absolute',
    left: 36,
    right: 36,
    bottom: 20,
    flexDirection: 'row',
    justifyContent: 'space-between',
    borderTopWidth: 0.75,
    borderTopColor: RULE,
    paddingTop: 6,
    fontSize: 7.5,
    color: MUTED,
  },
  footerTitle: { maxWidth: 380, maxLines: 1, textOverflow: 'ellipsis' },
});

/**
 * The generated avatar's colours, as the board draws them (components/persona/Avatar.tsx:
 * Tailwind 700/800, dark enough for white initials), chosen by the same hash of the persona id
 * so the poster shows the avatar people saw on screen.
 */
const AVATAR_COLORS = ['#1D4ED8', '#047857', '#7E22CE', '#BE123C', '#92400E', '#0F766E', '#4338CA'];

export function avatarColor(personaId: string): string {
  let hash = 0;
  for (const char of personaId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return AVATAR_COLORS[hash % AVATAR_COLORS.length]!;
}
