import type { UserContext } from '../../../platform/http/context.ts';
import { roleLabel } from '../labels.ts';
import { countyWithPrincipals } from '../queries.ts';
import { type PrincipalKind, roles } from '../schema.ts';
import { listCountyUnits } from './read-units.ts';

// What the administration pages share: the banner after a change, and the county's principals, units and
// roles as form choices.

const doneMessages: Record<string, string> = {
  skapad: 'Enheten är skapad.',
  vardgivare: 'Vårdgivaren är tillagd som huvudman i länet. Ge den enheter med Ny enhet.',
  namn: 'Enheten har fått sitt nya namn. Tidigare händelser visar det gamla namnet.',
  flyttad: 'Enheten hör nu till den nya huvudmannen.',
  stangd: 'Enheten är stängd.',
  'hsa-id': 'Enhetens HSA-id är sparat.',
  sort: 'Enhetens sort är sparad. Arbete som enheten redan har ligger kvar.',
  funktionsbrevlada: 'Enhetens funktionsbrevlåda är sparad.',
  inloggning: 'Länets inloggningssätt är sparade.',
  konto:
    'Kontot är skapat. En länk för att välja lösenord är lagd i utkorgen och skickas till kontots e-post.',
  andrat: 'Kontot är ändrat.',
  personnummer: 'Personnumret för inloggning med e-legitimation är sparat.',
  'personnummer-borttaget': 'Personnumret för inloggning med e-legitimation är borttaget.',
  inaktiverat: 'Kontot är inaktiverat. Alla dess inloggningar har avslutats.',
  aktiverat: 'Kontot är aktivt igen.',
  lank: 'En länk för att välja nytt lösenord är lagd i utkorgen och skickas till kontots e-post. Den gäller i 24 timmar.',
  organ: 'Samverkansorganet är sparat.',
  ledamot: 'Ledamöterna är uppdaterade.',
  niva: 'Eskaleringsordningen är ändrad. Ändringen gäller nya ärenden.',
  kategori: 'Kategorierna är ändrade.',
  regler: 'Reglerna är sparade. Ändrade tidsfrister gäller nya ärenden.',
  losenord: 'Ditt lösenord är bytt. Dina andra inloggningar har avslutats.',
  bekraftad: 'Inställningen är bekräftad som länets egen. Bekräftelsen står i administrationsloggen.',
  bekraftade:
    'Länets inställningar är bekräftade som länets egna. Bekräftelserna står i administrationsloggen.',
};

export const banner = (code: string | undefined) => (code ? (doneMessages[code] ?? null) : null);

/**
 * The county's principals as select items, the chosen one selected (and a prompt first when asked), of the
 * given kinds only when kinds are named.
 */
export async function principalOptions(
  ctx: UserContext,
  chosen: string,
  prompt = false,
  kinds?: readonly PrincipalKind[],
) {
  const county = await countyWithPrincipals(ctx.db, ctx.user.county.code);
  return [
    ...(prompt ? [{ value: '', text: 'Välj huvudman', selected: chosen === '' }] : []),
    ...(county?.principals ?? [])
      .filter((p) => !kinds || kinds.includes(p.kind))
      .map((p) => ({ value: p.id, text: p.name, selected: p.id === chosen })),
  ];
}

/** The county's open units as select items grouped by principal ("Enhet – Huvudman"). */
export async function unitOptions(ctx: UserContext, chosen: string) {
  const units = (await listCountyUnits(ctx.db, ctx.user.county.code)).filter((u) => u.active);
  return [
    { value: '', text: 'Välj enhet', selected: chosen === '' },
    ...units.map((u) => ({ value: u.id, text: `${u.name} – ${u.principalName}`, selected: u.id === chosen })),
  ];
}

/** The roles as checkbox items with their Swedish names and codes, the chosen ones checked. */
export function roleItems(chosen: unknown) {
  const picked = new Set([chosen ?? []].flat().map(String));
  return roles.map((r) => ({ value: r, text: roleLabel(r), hint: { text: r }, checked: picked.has(r) }));
}
