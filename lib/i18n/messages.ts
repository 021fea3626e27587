import type en from '../../messages/en.json';

/** A catalog's shape: English is the reference every other catalog must match (tests/unit/i18n.catalogs.test.ts). */
export type Messages = typeof en;

/**
 * The namespaces the browser needs. `board` (the default agenda and the built-in maps, in the
 * workshop's language) is written into a workshop by the server and never formatted in the
 * browser, so it stays out of the page.
 */
export const CLIENT_NAMESPACES = [
  'common',
  'home',
  'participant',
  'session',
  'presenter',
  'panels',
  'plan',
  'agenda',
  'note',
  'drafts',
  'profile',
  'profileFields',
  'snapshot',
  'notices',
  'refusals',
] as const;
export type ClientMessages = Pick<Messages, (typeof CLIENT_NAMESPACES)[number]>;

export function clientMessages(messages: Messages): ClientMessages {
  return Object.fromEntries(CLIENT_NAMESPACES.map((namespace) => [namespace, messages[namespace]])) as ClientMessages;
}
