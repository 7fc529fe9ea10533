import type { Problem } from '../errors.ts';

export type FieldMessage = { field: string; text: string };

/**
 * The GOV.UK error pattern as a view model: a summary linking to each field, and each field's own message.
 * A problem from a use case with no field goes in the summary, linked to the form's first field.
 */
export function formErrors(errors: FieldMessage[] = [], problem?: Problem, firstField?: string) {
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) fieldErrors[e.field] ??= e.text;
  const errorSummary = errors.map((e) => ({ text: e.text, href: `#${e.field}` }));
  if (problem) errorSummary.push({ text: problem.detail ?? problem.title, href: `#${firstField ?? ''}` });
  return { fieldErrors, errorSummary };
}
