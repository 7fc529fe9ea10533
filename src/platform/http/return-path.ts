// Where to send the browser back to after logging in (`next`) or after a form (`tillbaka`): only a path of
// Sömlös itself. Browsers are lenient with a Location header: they drop tabs and newlines, read a backslash as
// a slash and a leading `//` as another host, so a path that looks local can lead elsewhere (`/\evil.example`,
// `/\t/evil.example`, `/..//evil.example`). The value is therefore checked raw, percent-decoded until it stops
// changing, and resolved with the WHATWG URL parser (as browsers do) against a dummy origin; anything that is
// not plainly a path on that origin gives the fallback. The answer is the parser's serialisation, which is
// ASCII without controls, so it is always a valid header value.

const dummyOrigin = 'http://somlos.invalid';
const maxLength = 2000;
// Control characters (C0, DEL, C1), the backslash and Unicode's line and paragraph separators, anywhere.
const forbidden = /[\p{Cc}\\\p{Zl}\p{Zp}]/u;
// Exactly one slash first: not `//`, not `/\`.
const onePathSlash = /^\/(?![/\\])/;

export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > maxLength) return fallback;
  const forms = decodings(value);
  if (!forms || forms.some((form) => !onePathSlash.test(form) || forbidden.test(form))) return fallback;
  let url: URL;
  try {
    url = new URL(value, dummyOrigin);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== dummyOrigin || !onePathSlash.test(path)) return fallback;
  return path;
}

/** The value and each percent-decoding of it until nothing changes; null when one is not valid. */
function decodings(value: string): string[] | null {
  const forms = [value];
  for (let i = 0; i < 5; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(forms.at(-1)!);
    } catch {
      return null;
    }
    if (decoded === forms.at(-1)) return forms;
    forms.push(decoded);
  }
  // Encoded five times over is nobody's honest link.
  return null;
}
