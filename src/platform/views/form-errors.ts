import type { Problem } from '../errors.ts';

export type FieldMessage = { field: string; text: string };

/**
 * The GOV.UK error pattern as a view model: a summary linking to each field, and each field's own message.
 * A problem from a use case that names fields (a 422 with errors) puts each message at its field: the id the
 * form gives that path in `fieldIds`, else the path's last part. One without fields goes in the summary,
 * linked to the form's first field.
 */
export function formErrors(
  errors: FieldMessage[] = [],
  problem?: Problem,
  firstField?: string,
  fieldIds: Record<string, string> = {},
) {
  const fieldOf = (path: string) => fieldIds[path] ?? path.split('.').pop() ?? '';
  const all = [
    ...errors,
    ...(problem?.errors ?? []).map((e) => ({ field: fieldOf(e.path), text: e.message })),
  ];
  const fieldErrors: Record<string, string> = {};
  for (const e of all) fieldErrors[e.field] ??= e.text;
  const errorSummary = all.map((e) => ({ text: e.text, href: `#${e.field}` }));
  if (problem && !problem.errors?.length)
    errorSummary.push({ text: problem.detail ?? problem.title, href: `#${firstField ?? ''}` });
  return { fieldErrors, errorSummary };
}
