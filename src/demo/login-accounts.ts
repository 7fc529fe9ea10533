import { referenceCounties } from '../modules/organisations/reference/counties.ts';
import type { Role } from '../modules/organisations/schema.ts';
import { demoAccounts, promisedUsernames } from './load-demo.ts';

// The login page in demo mode lists every demo account, by county and then by role, with what the role can do,
// so that a newcomer picks an account for what they want to try; the accounts the README describes come first.

const roleOrder: Role[] = ['staff', 'manager', 'governance', 'agreementAdmin', 'logReviewer', 'countyAdmin'];

/** What each role can do, in a line, for someone choosing an account to try. */
const whatTheRoleCanDo: Record<Role, string> = {
  staff: 'Startar SIP, svarar på kallelser, skriver planer och rapporterar avvikelser för sin enhet.',
  manager:
    'Tar emot avvikelser och tvister till sin huvudman, svarar och för dem vidare; ser enhetens arbete.',
  governance:
    'Ledamot i ett samverkansorgan: behandlar avvikelser och tvister som nått organet och följer upp.',
  agreementAdmin: 'Skriver överenskommelser, skickar dem på samråd och registrerar parternas beslut.',
  logReviewer: 'Granskar i åtkomstloggen vem som har läst uppgifter om en person hos den egna huvudmannen.',
  countyAdmin: 'Administrerar länets enheter, konton, samverkansorgan, eskaleringsordning och kategorier.',
};

export type LoginAccounts = {
  /** The accounts the README describes, in its order: one for each thing to try. */
  suggested: { username: string; role: string; unit: string }[];
  counties: {
    county: string;
    roles: { label: string; description: string; accounts: { username: string; unit: string }[] }[];
  }[];
};

/** Every demo account, the README's first, then by county (alphabetically) and role, for the login page. */
export function demoAccountsForLogin(roleLabel: (role: string) => string): LoginAccounts {
  const all = demoAccounts();
  const suggested = promisedUsernames.map((username) => {
    const a = all.find((x) => x.username === username)!;
    return { username, role: a.roles.map(roleLabel).join(', '), unit: a.unitName };
  });
  const counties = referenceCounties
    .filter((c) => all.some((a) => a.countyCode === c.code))
    .sort((x, y) => x.name.localeCompare(y.name, 'sv'))
    .map((c) => ({
      county: c.name,
      roles: roleOrder
        .map((role) => ({
          label: roleLabel(role),
          description: whatTheRoleCanDo[role],
          accounts: all
            .filter((a) => a.countyCode === c.code && a.roles.includes(role))
            .map((a) => ({ username: a.username, unit: a.unitName })),
        }))
        .filter((r) => r.accounts.length > 0),
    }));
  return { suggested, counties };
}
