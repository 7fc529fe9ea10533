import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { publicUrlMark } from '../../platform/mail/outbox.ts';
import type { Described } from './describe.ts';
import { categoryNouns, type KindSpec } from './kinds.ts';
import type { NotificationCategory } from './schema.ts';
import type { UnsubscribeScope } from './unsubscribe-token.ts';

// A notice's mail in Swedish, from the templates in views/notifications/mail: a plain-text part and an HTML part
// that say the same. The links start with publicUrlMark, which the sender (platform/mail/deliver.ts) replaces.

const viewsDir = join(dirname(fileURLToPath(import.meta.url)), '../../../views');
const htmlViews = new nunjucks.Environment(new nunjucks.FileSystemLoader(viewsDir), { autoescape: true });
const textViews = new nunjucks.Environment(new nunjucks.FileSystemLoader(viewsDir), { autoescape: false });

export type MailPiece = { spec: KindSpec; described: Described; recipientName: string };
export type RenderedMail = { subject: string; text: string; html: string };

const link = (path: string) => `${publicUrlMark}${path}`;
export const unsubscribePath = (token: string) => `/avregistrera/${token}`;
export const settingsPath = '/konto/aviseringar';

type Audience = { kind: 'mailbox'; unitName: string } | { kind: 'user'; digest: boolean };

function unsubscribeText(audience: Audience, scope: UnsubscribeScope): string {
  if (scope === 'all') return 'Sluta få sammanfattningar från Sömlös';
  const noun = categoryNouns[scope as NotificationCategory];
  return audience.kind === 'mailbox'
    ? `Sluta skicka e-post om ${noun} till funktionsbrevlådan`
    : `Sluta få e-post om ${noun}`;
}

function reasonText(audience: Audience): string {
  if (audience.kind === 'mailbox')
    return `Brevet går till funktionsbrevlådan för ${audience.unitName}, som länets administratör har angett i Sömlös.`;
  return audience.digest
    ? 'Du får en sammanfattning om dagen av nytt arbete i Sömlös, som du eller länets administratör har valt.'
    : 'Du får e-post om nytt arbete i Sömlös, som du eller länets administratör har valt.';
}

function item(piece: MailPiece, digest: boolean) {
  const { spec, described } = piece;
  return {
    title: spec.title,
    text: spec.text,
    deadline:
      spec.deadlineLabel && described.deadline
        ? { label: spec.deadlineLabel, value: described.deadline }
        : null,
    facts: digest ? [{ label: 'För', value: piece.recipientName }, ...described.facts] : described.facts,
    attachment: described.attachment?.filename ?? null,
    link: { href: link(described.path), text: spec.linkText },
  };
}

/**
 * One mail: a single piece of work, or a digest of several. `unsubscribe` holds a token per scope the mail's
 * links end (its category; a digest's categories and "all").
 */
export function renderMail(input: {
  audience: Audience;
  pieces: MailPiece[];
  unsubscribe: { scope: UnsubscribeScope; token: string }[];
}): RenderedMail {
  const digest = input.audience.kind === 'user' && input.audience.digest;
  const first = input.pieces[0]!;
  const n = input.pieces.length;
  const deadline = item(first, false).deadline;
  const subject = digest
    ? `Dagens sammanfattning från Sömlös: ${n} ${n === 1 ? 'ny uppgift' : 'nya uppgifter'}`
    : `${first.spec.title}${deadline ? ` – ${deadline.label.toLowerCase()} ${deadline.value}` : ''}`;
  const model = {
    subject,
    digest,
    heading: digest ? 'Dagens sammanfattning' : first.spec.title,
    intro: digest
      ? `Sedan förra sammanfattningen har det kommit ${n} ${n === 1 ? 'ny uppgift' : 'nya uppgifter'} i Sömlös.`
      : `Det finns nytt arbete i Sömlös för ${first.recipientName}.`,
    items: input.pieces.map((p) => item(p, digest)),
    reason: reasonText(input.audience),
    unsubscribe: input.unsubscribe.map((u) => ({
      href: link(unsubscribePath(u.token)),
      text: unsubscribeText(input.audience, u.scope),
    })),
    settingsHref: input.audience.kind === 'user' ? link(settingsPath) : null,
  };
  return {
    subject,
    text: `${textViews
      .render('notifications/mail/mail.txt.njk', model)
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()}\n`,
    html: htmlViews.render('notifications/mail/mail.njk', model),
  };
}

/** The headers of RFC 2369 and RFC 8058: one-click unsubscribing from the mail program, with the mail's first link. */
export function unsubscribeHeaders(token: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${link(unsubscribePath(token))}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
