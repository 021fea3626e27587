/**
 * Notes of a sentence, 20–80 characters each, as a room writes them by mid-morning (issue #11):
 * the projector's e2e tests seed them, the fit's unit tests lay them out.
 */
export const SENTENCE_TEXTS: readonly string[] = [
  'Coffee refills before the standup so nobody waits',
  'Queues at lunch time are twice as long',
  'Compares prices on her phone while she waits in line',
  'Her manager says the new place round the corner is cheaper',
  'Worried about being late for the 9:00 meeting',
  'Free refills for the regulars',
  'Colleagues bring coffee from home in a flask to save money every week',
  'Would pay more for a quiet corner to work',
  'Sees the same three chains on every corner of the high street',
  'Hears that the beans are fair trade',
  'Feels guilty about paper cups piling up in the office bin',
  'Orders ahead in the app, when the app works',
  'Reads every review on Google Maps, then picks the place her team already likes',
  'Wants a seat with a power socket and decent Wi-Fi',
  'Success is a calm ten minutes before work',
  'Friends recommend the bakery next door',
  'No bike racks near the door',
];
