import { formatIdentityNumber } from './identity-number.ts';

export type Person = {
  id: string;
  personalIdentityNumber: string;
  name: string;
  protectedIdentity: boolean;
};

export const protectedIdentityText = 'Skyddade personuppgifter';

/**
 * How a person is shown. A person with protected identity (skyddade personuppgifter) is shown by name and
 * number only on their own pages, to users with access; everywhere else (lists, notices, mail, exports,
 * statistics) as "Skyddade personuppgifter".
 */
export function presentPerson(person: Person, where: 'ownPage' | 'elsewhere') {
  if (person.protectedIdentity && where === 'elsewhere') {
    return { id: person.id, name: protectedIdentityText, personalIdentityNumber: protectedIdentityText };
  }
  return {
    id: person.id,
    name: person.name,
    personalIdentityNumber: formatIdentityNumber(person.personalIdentityNumber),
  };
}
