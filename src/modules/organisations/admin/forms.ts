import { z } from 'zod';
import { asArray, requiredText, wholeNumber } from '../../../platform/views/parse-form.ts';
import { eidMatches, unitKinds } from '../schema.ts';

// The administration pages' forms, with messages written for the person filling them in. The use cases check
// the rules again (and more: names taken, units closed) and answer 422 with paths these forms' fields carry.

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Texten får vara högst ${max} tecken`)
    .optional()
    .transform((v) => v ?? '');
const list = z.unknown().transform(asArray);

export const unitForm = z.object({
  principalId: z.string({ error: 'Välj huvudman' }).min(1, 'Välj huvudman'),
  name: requiredText('Ange enhetens namn', 120),
  kind: z.enum(unitKinds, { error: 'Välj vad enheten är' }).default('care'),
});
export const providerForm = z.object({
  name: requiredText('Ange vårdgivarens namn', 120),
  contractedByPrincipalId: z
    .string({ error: 'Välj huvudmannen som vårdgivaren har avtal med' })
    .min(1, 'Välj huvudmannen som vårdgivaren har avtal med'),
});

/** An existing unit's kind (issue 22 item 8): only care units are parties to a person's care. */
export const unitKindForm = z.object({ kind: z.enum(unitKinds, { error: 'Välj vad enheten är' }) });
export const renameForm = z.object({ name: requiredText('Ange enhetens nya namn', 120) });
export const loginMethodsForm = z.object({
  passwordLogin: z.enum(['ja', 'nej'], { error: 'Välj om lösenord är tillåtet' }),
  eidMatch: z.enum(eidMatches, { error: 'Välj vad inloggning med e-legitimation känns igen på' }),
});
export const unitHsaIdForm = z.object({ hsaId: z.string().max(40).default('') });
export const moveForm = z.object({
  principalId: z.string({ error: 'Välj huvudman' }).min(1, 'Välj huvudman'),
});
export const closeForm = z.object({
  successorUnitId: z
    .string({ error: 'Välj om en annan enhet tar över' })
    .min(1, 'Välj om en annan enhet tar över')
    .transform((v) => (v === 'ingen' ? undefined : v)),
});

export const accountForm = z.object({
  name: requiredText('Ange personens namn', 120),
  email: requiredText('Ange e-postadressen', 200),
  username: requiredText('Ange ett användarnamn', 64).transform((v) => v.toLowerCase()),
  unitId: z.string({ error: 'Välj enhet' }).min(1, 'Välj enhet'),
  roles: list.refine((r) => r.length > 0, 'Välj minst en roll'),
});
export const accountChangeForm = accountForm
  .omit({ username: true })
  .extend({ hsaId: z.string().max(40).default('') });
/** An identity number for e-ID logins: empty takes the one kept away. */
export const accountIdentityNumberForm = z.object({
  identityNumber: z.string().trim().max(20, 'Ange ett personnummer, till exempel 19121212-1212').default(''),
});

export const bodyForm = z.object({
  name: requiredText('Ange organets namn', 120),
  shortName: optionalText(60),
  kind: z.string({ error: 'Välj vilken sorts organ det är' }).min(1, 'Välj vilken sorts organ det är'),
  description: optionalText(2000),
  coversPrincipalIds: list,
});
export const memberForm = z.object({
  username: requiredText('Ange användarnamnet på den som ska bli ledamot', 64).transform((v) =>
    v.toLowerCase(),
  ),
});

export const levelForm = z.object({
  label: requiredText('Ange vad nivån heter', 200),
  bodyIds: list.refine((b) => b.length > 0, 'Välj minst ett samverkansorgan'),
  source: optionalText(300),
  position: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : undefined)),
});
/** Level 1: the managers, unless a deviation ladder gives it bodies (none checked: the managers). */
export const firstLevelForm = z.object({
  label: requiredText('Ange vad nivån heter', 200),
  bodyIds: list,
  source: optionalText(300),
});

export const categoryForm = z.object({ label: requiredText('Ange kategorins namn', 120) });

export const rulesForm = z.object({
  invitationAnswerWorkingDays: wholeNumber('Ange antalet arbetsdagar', 1, 20),
  deviationAnswerDays: wholeNumber('Ange antalet dagar', 1, 180),
  targetGroupMinAge: z
    .string()
    .trim()
    .optional()
    .refine(
      (v) => !v || (/^\d+$/.test(v) && Number(v) <= 120),
      'Ange en ålder mellan 0 och 120 år, eller lämna tomt',
    )
    .transform((v) => (v ? Number(v) : null)),
  targetGroupDescription: requiredText('Beskriv målgruppen', 1000),
});
