import { expect, type Page } from '@playwright/test';

export const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;

/** Waits until every quadrant's fit has stopped changing (resize, measurement, corrections). */
export async function settled(page: Page): Promise<void> {
  let last = '';
  await expect
    .poll(
      async () => {
        const now = await page.evaluate(() =>
          [...document.querySelectorAll('section[data-fit]')].map((section) => section.getAttribute('data-fit')).join('|'),
        );
        const isStable = now !== '' && now === last;
        last = now;
        return isStable;
      },
      { intervals: [300] },
    )
    .toBe(true);
}

/** What a quadrant shows, measured in the page: how the notes sit in it and in the window. */
export interface QuadrantReport {
  title: string;
  count: string;
  /** The quadrant or its notes' area scroll. */
  scrolls: boolean;
  /** Notes drawn as cards, each checked to lie inside its quadrant's area and the window. */
  drawn: number;
  outside: string[];
  /** Notes inside collapsed group stacks, and on the "+N more" tile. */
  stacked: number;
  more: number;
  fontSizes: number[];
  /** Notes whose text is cut to a single line (an ellipsis or a one-line clamp with more to show). */
  cutToOneLine: string[];
}

export async function quadrantReports(page: Page): Promise<QuadrantReport[]> {
  return page.evaluate(() => {
    const inside = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - 0.5 &&
      inner.right <= outer.right + 0.5 &&
      inner.top >= outer.top - 0.5 &&
      inner.bottom <= outer.bottom + 0.5;
    const viewport = new DOMRect(0, 0, window.innerWidth, window.innerHeight);
    return [...document.querySelectorAll<HTMLElement>('section[data-fit]')].map((section) => {
      const body = section.lastElementChild as HTMLElement;
      const area = body.getBoundingClientRect();
      const notes = [...section.querySelectorAll<HTMLElement>('li')];
      const outside = notes
        .filter((note) => {
          const box = note.querySelector('button')!.getBoundingClientRect();
          return !inside(box, area) || !inside(box, viewport);
        })
        .map((note) => note.textContent ?? '');
      const stacks = [...section.querySelectorAll<HTMLElement>('button[aria-label^="Group:"]')];
      const moreTile = [...section.querySelectorAll<HTMLElement>('button')].find((b) => /^\+\d+ more/.test(b.textContent ?? ''));
      return {
        title: section.querySelector('h3')?.textContent ?? '',
        count: section.querySelector('header span')?.textContent ?? '',
        scrolls:
          section.scrollHeight > section.clientHeight || body.scrollHeight > body.clientHeight || body.scrollWidth > body.clientWidth,
        drawn: notes.length,
        outside,
        stacked: stacks.reduce((sum, stack) => sum + Number(/, (\d+) notes?$/.exec(stack.getAttribute('aria-label') ?? '')?.[1] ?? 0), 0),
        more: moreTile ? Number(/^\+(\d+)/.exec(moreTile.textContent ?? '')![1]) : 0,
        fontSizes: notes.map((note) => parseFloat(getComputedStyle(note.querySelector('button')!).fontSize)),
        cutToOneLine: notes
          .filter((note) => {
            const text = note.querySelector<HTMLElement>('button > span')!;
            const lines = Math.round(text.clientHeight / parseFloat(getComputedStyle(text).lineHeight));
            const isCut = text.scrollHeight > text.clientHeight + 1 || text.scrollWidth > text.clientWidth + 1;
            return isCut && lines < 2;
          })
          .map((note) => note.textContent ?? ''),
      };
    });
  });
}

/** Every quadrant fits without scrolling, and each of its notes is drawn inside it or counted. */
export function expectEveryNoteShownOrCounted(reports: readonly QuadrantReport[], perQuadrant: number, quadrants = 6): void {
  expect(reports).toHaveLength(quadrants);
  for (const report of reports) {
    expect(report.scrolls, `${report.title} scrolls`).toBe(false);
    expect(report.outside, `${report.title}: notes outside`).toEqual([]);
    expect(report.count, report.title).toBe(`${perQuadrant} notes`);
    expect(report.drawn + report.stacked + report.more, `${report.title}: drawn + stacked + more`).toBe(perQuadrant);
    for (const size of report.fontSizes) expect(size).toBeGreaterThanOrEqual(14);
  }
}
