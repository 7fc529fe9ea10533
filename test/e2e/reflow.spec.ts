import { expect, type Page, test } from '@playwright/test';
import { demoAccounts } from '../../src/demo/load-demo.ts';
import { expectNoAxeViolations, login, sidewaysOverflow } from './helpers.ts';

// Every page on a phone (WCAG 1.4.10, reflow): at 320 px nothing makes the page scroll sideways; a wide table
// scrolls inside its own focusable region instead. And nobody's menu leads to a refusal: an account of every
// role in every county follows every entry of its menu (every demo account does so over HTTP, in
// test/web/menus-by-role.test.ts). Axe checks each page once for each role at that width.

const phone = { width: 320, height: 800 };

const menuLinks = (page: Page) =>
  page.locator('.govuk-service-navigation__link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));

/** One demo account for each county and combination of roles: the menu is the roles', the pages the county's. */
function oneAccountPerCountyAndRoles() {
  const chosen = new Map<string, ReturnType<typeof demoAccounts>[number]>();
  for (const a of demoAccounts()) {
    const key = `${a.countyCode} ${[...a.roles].sort().join(',')}`;
    if (!chosen.has(key)) chosen.set(key, a);
  }
  return [...chosen.values()];
}

test('a demo account of every role in every county follows its whole menu at 320 px: no 403 or 404, nothing scrolls sideways', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize(phone);
  const checkedWithAxe = new Set<string>();
  const problems: string[] = [];
  for (const account of oneAccountPerCountyAndRoles()) {
    await page.context().clearCookies();
    await login(page, account.username);
    for (const href of await menuLinks(page)) {
      const res = await page.goto(href);
      if (res?.status() !== 200) problems.push(`${account.username} ${href}: ${res?.status()}`);
      const overflow = await sidewaysOverflow(page);
      if (overflow) problems.push(`${account.username} ${href}: ${JSON.stringify(overflow)}`);
      const role = `${account.roles.join(',')} ${href}`;
      if (!checkedWithAxe.has(role)) {
        checkedWithAxe.add(role);
        await expectNoAxeViolations(page);
      }
    }
  }
  expect(problems).toEqual([]);
  expect(checkedWithAxe.size).toBeGreaterThan(20);
});

// Pages a crawl should not open: logging out, downloads, and forms' own endpoints reached by link.
const notAPage = /logga-ut|\.(pdf|csv|ics|json)(\?|$)|\/assets\/|\/export|\/ladda-ner|\/utskrift/;
/** The page's template, roughly: ids, codes and queries left out, so one page of each kind is opened. */
const pageKind = (path: string) =>
  path
    .split('?')[0]!
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')
    .replace(/\d+/g, ':n');

for (const username of [
  'soc.karlstad',
  'chef.soc.karlstad',
  'beredning.varmland',
  'admin.varmland',
  'avtal.varmland',
  'logg.regionvarmland',
]) {
  test(`every page ${username} reaches by links fits 320 px`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(phone);
    await login(page, username);
    const queue = ['/'];
    const seen = new Set(queue.map(pageKind));
    const problems: string[] = [];
    while (queue.length > 0) {
      const path = queue.shift()!;
      const res = await page.goto(path);
      if (!(res?.headers()['content-type'] ?? '').includes('text/html')) continue;
      const overflow = await sidewaysOverflow(page);
      if (overflow) problems.push(`${path}: ${JSON.stringify(overflow)}`);
      const links = await page
        .locator('main a[href^="/"], nav a[href^="/"]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('#')[0]!));
      for (const link of links)
        if (link && !seen.has(pageKind(link)) && !notAPage.test(link)) {
          seen.add(pageKind(link));
          queue.push(link);
        }
    }
    expect(problems).toEqual([]);
    expect(seen.size).toBeGreaterThan(5);
  });
}
