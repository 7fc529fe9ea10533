import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

// A password must be long, and not one that people commonly choose: zxcvbn-ts with its list of common
// passwords (decision 0008). Words of the service and of Swedish workplaces count as guessable too.
export const minPasswordLength = 12;
export const maxPasswordLength = 200;
const zxcvbn = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
const serviceWords = ['sömlös', 'somlos', 'lösenord', 'losenord', 'region', 'kommun', 'sommar', 'vinter'];

/** Why a new password is refused, in Swedish, or null when it will do. */
export async function passwordProblem(
  password: string,
  account: { username: string; name: string },
): Promise<string | null> {
  if (password.length < minPasswordLength) return `Lösenordet måste ha minst ${minPasswordLength} tecken.`;
  if (password.length > maxPasswordLength) return `Lösenordet får ha högst ${maxPasswordLength} tecken.`;
  const result = await zxcvbn.checkAsync(password, [
    account.username,
    ...account.name.toLowerCase().split(/\s+/),
    ...serviceWords,
  ]);
  if (result.score >= 3) return null;
  // Mostly a common password ("password1234": the common "password123" and a digit) says so; otherwise it is
  // guessable for another reason (a name, a date, a keyboard row).
  const common = result.sequence
    .filter((m) => m.pattern === 'dictionary' && m.dictionaryName === 'passwords-common')
    .reduce((n, m) => n + m.token.length, 0);
  if (common * 2 >= password.length)
    return 'Lösenordet finns i en lista över vanliga lösenord. Välj ett annat.';
  return 'Lösenordet är för lätt att gissa. Använd fler ord eller blanda ord, siffror och tecken.';
}
