import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A real SMTP server in this process (smtp-server), keeping every message it receives as sent on the wire. It can
// refuse recipients for good (550) or for now (451, "try again later"), and be told to change its mind.

export type Received = { to: string[]; data: string };
export type Refusal = 'permanent' | 'temporary' | null;

export async function smtpServer(options: { reject?: boolean; refuse?: Refusal; port?: number } = {}) {
  const received: Received[] = [];
  let refuse: Refusal = options.refuse ?? (options.reject ? 'permanent' : null);
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      void address;
      if (!refuse) return callback();
      refused++;
      const err = Object.assign(
        new Error(refuse === 'permanent' ? 'mailbox unavailable' : 'try again later'),
        { responseCode: refuse === 'permanent' ? 550 : 451 },
      );
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    /** From now on: refuse every recipient (for good, or for now), or take them again (null). */
    refuse: (how: Refusal) => {
      refuse = how;
    },
    /** How many recipients it has refused. */
    refusedCount: () => refused,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A received message's text body, decoded from quoted-printable or base64 (as nodemailer chooses). */
export function bodyText(data: string): string {
  const split = data.indexOf('\r\n\r\n');
  const head = data.slice(0, split);
  const body = data.slice(split + 4);
  return decodeBody(head, body);
}

function decodeBody(head: string, body: string): string {
  if (/^Content-Transfer-Encoding: base64/im.test(head)) return Buffer.from(body, 'base64').toString('utf8');
  if (/^Content-Transfer-Encoding: quoted-printable/im.test(head))
    return Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) in a header, decoded. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

export type MimePart = {
  headers: Record<string, string>;
  contentType: string;
  filename: string | null;
  text: string;
};
export type ParsedMail = { headers: Record<string, string>; parts: MimePart[] };

/** Header lines unfolded, names in lower case, values decoded. */
function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = decodeHeader(line.slice(at + 1).trim());
  }
  return headers;
}

/**
 * A received message as its recipient's mail program reads it: the headers decoded, and every leaf part of the
 * MIME tree (text, HTML, attachments) with its content decoded. Just enough MIME for what nodemailer writes.
 */
export function parseMail(data: string): ParsedMail {
  const split = data.indexOf('\r\n\r\n');
  const head = data.slice(0, split);
  const headers = parseHeaders(head);
  return { headers, parts: leafParts(headers, data.slice(split + 4), head) };
}

function leafParts(headers: Record<string, string>, body: string, rawHead: string): MimePart[] {
  const contentType = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (/^multipart\//i.test(contentType) && boundary) {
    const sections = body.split(`--${boundary}`).slice(1);
    return sections
      .filter((s) => !s.startsWith('--'))
      .flatMap((section) => {
        const text = section.replace(/^\r?\n/, '');
        const end = text.indexOf('\r\n\r\n');
        const head = text.slice(0, end);
        return leafParts(parseHeaders(head), text.slice(end + 4).replace(/\r?\n$/, ''), head);
      });
  }
  const filename =
    /filename="?([^";]+)"?/i.exec(headers['content-disposition'] ?? '')?.[1] ??
    /name="?([^";]+)"?/i.exec(contentType)?.[1] ??
    null;
  return [
    {
      headers,
      contentType: contentType.split(';')[0]!.trim().toLowerCase(),
      filename,
      text: decodeBody(rawHead, body),
    },
  ];
}

/** Everything a recipient could read in a message: every header and every part, decoded. */
export function readableText(mail: ParsedMail): string {
  return [
    ...Object.entries(mail.headers).map(([k, v]) => `${k}: ${v}`),
    ...mail.parts.flatMap((p) => [...Object.entries(p.headers).map(([k, v]) => `${k}: ${v}`), p.text]),
  ].join('\n');
}
