import { AxeBuilder } from '@axe-core/playwright';
import { type Download, expect, type Locator, type Page } from '@playwright/test';

/** WCAG 2.1 A and AA, the level DOS-lagen requires. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
}

/** Presses Tab until the focused element matches, as a keyboard user would; fails after max presses. */
export async function tabTo(page: Page, isTarget: () => Promise<boolean>, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await isTarget()) return;
  }
  throw new Error('could not reach the element with Tab');
}

export async function login(page: Page, username: string) {
  await page.goto('/logga-in');
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord', { exact: true }).fill('demo-2026');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mitt arbete' })).toBeVisible();
}

/** Presses Tab until this element has focus, as a keyboard user would. */
export async function tabToElement(page: Page, target: Locator, max = 150) {
  await tabTo(page, () => target.evaluate((el) => el === document.activeElement), max);
}

/** Tabs to a text field and types into it (what was there before is selected first and typed over). */
export async function typeInto(page: Page, field: Locator, text: string) {
  await tabToElement(page, field);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Tabs to a link or button and presses Enter. */
export async function activate(page: Page, target: Locator, max = 150) {
  await tabToElement(page, target, max);
  await page.keyboard.press('Enter');
}

/** Tabs to a radio or checkbox and presses Space. */
export async function tick(page: Page, choice: Locator) {
  await tabToElement(page, choice);
  await page.keyboard.press('Space');
  await expect(choice).toBeChecked();
}

/** Axe at desktop width and at a phone's width. */
export async function expectAccessibleAtBothWidths(page: Page) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoAxeViolations(page);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/**
 * How far the page reaches past the window's right edge: null when it does not, otherwise its width and what
 * sticks out (outside the tables' own scroll regions), to name in a failure: the innermost elements, and the text
 * that overflows a box which itself fits (a word too long for its line widens the page while every element's box
 * stays inside, so the elements alone would name nothing).
 */
export function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return null;
    const describe = (el: Element, text: string | null | undefined) =>
      `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} "${text?.trim().slice(0, 40)}"`;
    const wide = Array.from(document.body.querySelectorAll('*'))
      .filter((el) => !el.closest('.app-table-scroll') && el.getBoundingClientRect().right > width + 0.5)
      .filter((el) => !Array.from(el.children).some((c) => c.getBoundingClientRect().right > width + 0.5))
      .slice(0, 5)
      .map((el) => describe(el, el.textContent));
    const words: string[] = [];
    const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node && words.length < 5; node = texts.nextNode()) {
      const parent = node.parentElement;
      // Hidden text (a table's caption for screen readers) is clipped by its own box and widens nothing.
      if (!parent || parent.closest('.app-table-scroll, .govuk-visually-hidden') || !node.textContent?.trim())
        continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (range.getBoundingClientRect().right > width + 0.5)
        words.push(`text in ${describe(parent, node.textContent)}`);
    }
    return { scrollWidth, wide: [...wide, ...words] };
  });
}

/** At 320 CSS pixels (WCAG 1.4.10, reflow) nothing makes the page scroll sideways; wide tables scroll inside their region. */
export async function expectNoSidewaysScroll(page: Page) {
  await page.setViewportSize({ width: 320, height: 900 });
  const overflow = await sidewaysOverflow(page);
  expect(overflow, `${page.url()} scrolls sideways at 320 px: ${overflow?.wide.join(', ')}`).toBeNull();
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** The success banner a page shows after a step. */
export const successBanner = (page: Page) => page.locator('.govuk-notification-banner--success');

/** A valid personnummer born on this day (YYMMDD), with this serial (three digits): the Luhn check digit added. */
export function personnummer(yymmdd: string, serial: string) {
  const nine = `${yymmdd}${serial}`;
  const sum = [...nine].reduce((acc, d, i) => {
    const x = Number(d) * (i % 2 === 0 ? 2 : 1);
    return acc + (x > 9 ? x - 9 : x);
  }, 0);
  return `19${yymmdd}-${serial}${(10 - (sum % 10)) % 10}`;
}

/** Follows a download link and returns the file's bytes. */
export async function download(page: Page, link: string): Promise<Buffer> {
  const waiting = page.waitForEvent('download');
  await page.getByRole('link', { name: link }).click();
  const file: Download = await waiting;
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Axe at both widths, and no sideways scroll at 320 px. */
export async function expectAccessibleAndReflowing(page: Page) {
  await expectAccessibleAtBothWidths(page);
  await expectNoSidewaysScroll(page);
}
