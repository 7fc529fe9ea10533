/**
 * Errors as RFC 9457 problem details with Swedish titles. Use cases throw these; the error handler in
 * platform/http/errors-plugin.ts turns them into application/problem+json (API) or an error page (web).
 */
export type FieldError = { path: string; message: string };

export class Problem extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  /** Seconds until trying again makes sense (a 429), sent as Retry-After. */
  retryAfter: number | undefined;
  /** For a 403 from a route's role check: the roles that may call it, named on the error page. */
  allowedRoles: readonly string[] | undefined;

  constructor(status: number, title: string, detail?: string, errors?: FieldError[]) {
    super(detail ?? title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
  }
}

export const titles: Record<number, string> = {
  400: 'Felaktig begäran',
  401: 'Inloggning krävs',
  403: 'Åtkomst nekad',
  404: 'Hittades inte',
  405: 'Metoden stöds inte',
  409: 'Konflikt med nuvarande läge',
  413: 'För stor begäran',
  415: 'Innehållstypen stöds inte',
  422: 'Uppgifterna bryter mot en regel',
  429: 'För många försök',
  500: 'Ett oväntat fel inträffade',
  503: 'Tjänsten är inte tillgänglig just nu',
};

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new Problem(400, titles[400]!, detail, errors);
export const unauthorized = (detail = 'Logga in för att fortsätta.') =>
  new Problem(401, titles[401]!, detail);
export const forbidden = (detail = 'Din roll får inte göra detta.') => new Problem(403, titles[403]!, detail);
/** 403 because the route is for other roles: the error page names them and where to go instead. */
export const forbiddenForRoles = (roles: readonly string[]) =>
  Object.assign(forbidden('Sidan är till för andra roller än dina.'), { allowedRoles: roles });
export const notFound = (detail = 'Det du söker finns inte, eller så saknar du behörighet att se det.') =>
  new Problem(404, titles[404]!, detail);
export const conflict = (detail: string) => new Problem(409, titles[409]!, detail);
export const unprocessable = (detail: string, errors?: FieldError[]) =>
  new Problem(422, titles[422]!, detail, errors);
export const tooManyRequests = (detail: string, retryAfter?: number) =>
  Object.assign(new Problem(429, titles[429]!, detail), { retryAfter });

export function problemBody(p: { status: number; title: string; detail?: string; errors?: FieldError[] }) {
  return {
    type: p.status === 500 ? 'about:blank' : `https://somlos.se/problem/${p.status}`,
    title: p.title,
    status: p.status,
    detail: p.detail ?? p.title,
    ...(p.errors ? { errors: p.errors } : {}),
  };
}
