// Functions that run inside the page (Playwright sends their source). Plain
// JavaScript: the project's TypeScript has no DOM library; in-page.d.ts types them.

/** Widths that tell whether the page scrolls sideways. */
export function pageWidths() {
  return {
    scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    clientWidth: document.documentElement.clientWidth,
  };
}

/** Visible text set smaller than `min` pixels, with where it sits. */
export function smallText(min) {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent || '').replace(/\s+/g, ' ').trim();
    const element = node.parentElement;
    if (!text || !element) continue;
    if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(element);
    if (parseFloat(style.fontSize) < min) {
      const holder = element.closest('[class]');
      found.push({
        text: text.slice(0, 60),
        fontSize: style.fontSize,
        element: element.tagName.toLowerCase() + (holder ? ' in .' + holder.className.split(' ').join('.') : ''),
      });
    }
  }
  return found;
}

/** The mj-button links to `href` (MJML renders them as inline-block links), with their boxes. */
export function payButtons(href) {
  const target = new URL(href).href;
  return [...document.querySelectorAll('a')]
    .filter((a) => a.href === target && getComputedStyle(a).display === 'inline-block')
    .map((a) => {
      const box = a.getBoundingClientRect();
      return {
        text: (a.textContent || '').trim(),
        height: box.height,
        left: box.left,
        right: box.right,
        viewport: document.documentElement.clientWidth,
        visible: a.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
      };
    });
}

/** MJML's layout as laid out: section widths, and each column's width against its share of the row. */
export function layout() {
  const viewport = document.documentElement.clientWidth;
  const sections = [...document.querySelectorAll('body div[style*="max-width:600px"]')].map((s) => s.getBoundingClientRect().width);
  const columns = [...document.querySelectorAll('[class*="mj-column-per-"]')].map((column) => {
    const percent = Number(/mj-column-per-(\d+)/.exec(column.className)[1]);
    const parent = column.parentElement;
    const style = getComputedStyle(parent);
    const room = parent.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { className: column.className, width: column.getBoundingClientRect().width, expected: (room * percent) / 100 };
  });
  return { viewport, scrollWidth: document.documentElement.scrollWidth, desktop: matchMedia('(min-width: 480px)').matches, sections, columns };
}

/** The document's language. */
export function documentLang() {
  return document.documentElement.lang;
}

/** axe-core (injected before) on the whole document: its violations, summarised. */
export async function axeViolations() {
  const results = await window.axe.run(document, { resultTypes: ['violations'] });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
}

/** The page's scroll width, and the first elements that reach past the viewport (to name them in a failure). */
export function overflowing() {
  const viewport = document.documentElement.clientWidth;
  const over = [...document.querySelectorAll('body *')]
    .filter((element) => element.getBoundingClientRect().right > viewport + 0.5)
    .slice(0, 5)
    .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} reaches ${Math.round(element.getBoundingClientRect().right)} px`);
  return { scrollWidth: document.documentElement.scrollWidth, over };
}
