// View-model helpers every capability's pages share: GOV.UK choice items, principal groups, and paged lists.
// A page's form is handled by form-pages.ts.

/** Select items from a label table, the chosen one selected. */
export const choices = (labels: Record<string, string>, chosen: string) =>
  Object.entries(labels).map(([value, text]) => ({ value, text, selected: value === chosen }));

/** Radio or checkbox items from a label table, the posted one(s) checked. */
export function labelItems(labels: Record<string, string>, chosen: unknown) {
  const picked = new Set([chosen ?? []].flat().map(String));
  return Object.entries(labels).map(([value, text]) => ({ value, text, checked: picked.has(value) }));
}

/** The county's principals as checkbox groups: the region, the municipalities, the others. */
export function groupPrincipals(
  principals: { id: string; name: string; kind: string }[],
  chosen: Set<string>,
) {
  const item = (p: { id: string; name: string }) => ({
    value: p.id,
    text: p.name,
    checked: chosen.has(p.id),
  });
  return [
    { legend: 'Region', items: principals.filter((p) => p.kind === 'region').map(item) },
    { legend: 'Kommuner', items: principals.filter((p) => p.kind === 'municipality').map(item) },
    {
      legend: 'Andra organisationer',
      items: principals.filter((p) => !['region', 'municipality'].includes(p.kind)).map(item),
    },
  ].filter((g) => g.items.length > 0);
}

/** A paged list: its path and filters (kept in every page link), the page shown and the page size. */
export type ListPage = { path: string; filters: Record<string, string>; page: number; size: number };

/** "Visar 26–50 av 112 SIP:ar." with the noun in singular and plural. */
export function listSummary(list: ListPage, total: number, noun: { one: string; many: string }): string {
  if (total === 0) return `Inga ${noun.many}.`;
  const counted = total === 1 ? `1 ${noun.one}` : `${total} ${noun.many}`;
  const first = (list.page - 1) * list.size + 1;
  const last = Math.min(total, list.page * list.size);
  if (first > total) return `Sidan finns inte. Det finns ${counted}.`;
  return total === 1 ? `Visar 1 ${noun.one}.` : `Visar ${first}–${last} av ${counted}.`;
}

/** GOV.UK pagination: previous, numbered pages around the current one, next; filters kept in each link. */
export function pagination(list: ListPage, total: number) {
  const pages = Math.ceil(total / list.size);
  if (pages <= 1) return null;
  const href = (sida: number) =>
    `${list.path}?${new URLSearchParams({ ...list.filters, sida: String(sida) })}`;
  const current = list.page;
  const shown = [...new Set([1, current - 1, current, current + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const items = shown.flatMap((n, i) => [
    ...(i > 0 && n - shown[i - 1]! > 1 ? [{ ellipsis: true }] : []),
    { number: n, href: href(n), current: n === current },
  ]);
  return {
    landmarkLabel: 'Sidor',
    previous: current > 1 ? { href: href(current - 1), text: 'Föregående' } : null,
    next: current < pages ? { href: href(current + 1), text: 'Nästa' } : null,
    items,
  };
}
