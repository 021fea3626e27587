/** One piece of UI text that does not fit, and why (what the measurement found). */
export interface CutText {
  text: string;
  element: string;
  reason: string;
}

/**
 * Runs in the page (`page.evaluate(findCutText)`, so it is self-contained): every visible element
 * with pseudo-locale text of its own (accented letters: the UI's words, not what people typed) is
 * measured against the viewport and every ancestor that clips. Wrapping is fine; text that
 * sticks out of the screen, is clipped by an `overflow: hidden` box, or is cut with an ellipsis
 * or a line clamp with no `title` to read it whole, is reported. So is a page that scrolls sideways.
 */
export function findCutText(): CutText[] {
  const pseudo = /[áƀçðéƒĝĥíĵķĺɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÍĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ]/;
  const slack = 1;
  const viewportWidth = document.documentElement.clientWidth;
  const out: CutText[] = [];
  const describe = (element: Element) =>
    `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.getAttribute('class') ? `.${String(element.getAttribute('class')).split(/\s+/).slice(0, 4).join('.')}` : ''}`;
  const report = (element: Element, reason: string) =>
    out.push({ text: (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80), element: describe(element), reason });

  const page = document.scrollingElement ?? document.documentElement;
  if (page.scrollWidth > viewportWidth + slack)
    out.push({ text: '(page)', element: 'html', reason: `scrolls sideways: ${page.scrollWidth} > ${viewportWidth}` });

  const owners = new Set<Element>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement && pseudo.test(node.textContent ?? '')) owners.add(node.parentElement);
  }

  for (const element of owners) {
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    // Not drawn: display none, closed <details>, <option>s, or a screen-reader-only 1 px box.
    if (rect.width <= 1 || rect.height <= 1 || style.visibility === 'hidden') continue;
    if (element.closest('[hidden], .sr-only')) continue;
    if (rect.left < -slack || rect.right > viewportWidth + slack) {
      report(element, `outside the screen: ${Math.round(rect.left)}..${Math.round(rect.right)} of ${viewportWidth}`);
      continue;
    }
    const hasTitle = Boolean(element.closest('[title]'));
    if (element.scrollWidth > element.clientWidth + slack && style.overflowX !== 'visible') {
      if (!hasTitle)
        report(
          element,
          style.textOverflow === 'ellipsis' ? 'ellipsis without a title' : `clipped: ${element.scrollWidth} > ${element.clientWidth}`,
        );
      continue;
    }
    // Text wider than its own box (a button, a tab) runs over its neighbours even where nothing clips it.
    if (style.display !== 'inline' && element.scrollWidth > element.clientWidth + slack) {
      report(element, `wider than its box: ${element.scrollWidth} > ${element.clientWidth}`);
      continue;
    }
    if (style.webkitLineClamp !== 'none' && element.scrollHeight > element.clientHeight + slack && !hasTitle) {
      report(element, 'line clamp without a title');
      continue;
    }
    // An ancestor that clips (hidden/clip, not a box one can scroll) must hold the text whole.
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      const boxStyle = getComputedStyle(box);
      // A card or bar whose content is wider than it: the text pushes something out of it.
      if (boxStyle.display !== 'inline' && boxStyle.overflowX === 'visible' && box.scrollWidth > box.clientWidth + slack) {
        report(element, `its ${describe(box)} is wider than itself: ${box.scrollWidth} > ${box.clientWidth}`);
        break;
      }
      // Inside a box that scrolls, the text is reached by scrolling: boxes further out clip the scroller, not it.
      if (/auto|scroll/.test(boxStyle.overflowX + boxStyle.overflowY)) break;
      const clipsX = boxStyle.overflowX === 'hidden' || boxStyle.overflowX === 'clip';
      const clipsY = boxStyle.overflowY === 'hidden' || boxStyle.overflowY === 'clip';
      if (!clipsX && !clipsY) continue;
      const boxRect = box.getBoundingClientRect();
      const outX = clipsX && (rect.left < boxRect.left - slack || rect.right > boxRect.right + slack);
      const outY = clipsY && (rect.top < boxRect.top - slack || rect.bottom > boxRect.bottom + slack);
      if (outX || outY) {
        report(element, `cut by ${describe(box)}`);
        break;
      }
    }
  }
  return out;
}
