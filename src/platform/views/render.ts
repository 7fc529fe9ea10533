import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from '../auth/current-user.ts';
import { csrfBinding, csrfToken } from '../http/csrf.ts';
import { mayCall, type RouteEntry } from '../http/guard.ts';

export type Navigation =
  | 'mitt-arbete'
  | 'sip'
  | 'utskrivning'
  | 'avvikelser'
  | 'tvister'
  | 'overenskommelser'
  | 'uppfoljning'
  | 'organisationer'
  | 'administration';

// Each entry is shown only to users who pass the role check of the page it leads to (the GET route of its
// href in the app's route table), so nobody is offered a page that answers 403.
const navigation: { key: Navigation; text: string; href: string }[] = [
  { key: 'mitt-arbete', text: 'Mitt arbete', href: '/' },
  { key: 'sip', text: 'SIP', href: '/sip' },
  { key: 'utskrivning', text: 'Utskrivning', href: '/utskrivning' },
  { key: 'avvikelser', text: 'Avvikelser', href: '/avvikelser' },
  { key: 'tvister', text: 'Tvister', href: '/tvister' },
  { key: 'overenskommelser', text: 'Överenskommelser', href: '/overenskommelser' },
  { key: 'uppfoljning', text: 'Uppföljning', href: '/uppfoljning' },
  { key: 'organisationer', text: 'Organisationer', href: '/organisationer' },
  { key: 'administration', text: 'Administration', href: '/administration' },
];

/** The menu for a user: the entries whose page's route lets them in; an entry without a page is left out. */
function menuFor(routes: readonly RouteEntry[], user: CurrentUser, active: Navigation | undefined) {
  return navigation
    .filter((item) => {
      const route = routes.find((r) => r.method === 'GET' && r.url === item.href);
      return route !== undefined && mayCall(route.access, user);
    })
    .map((item) => ({ text: item.text, href: item.href, active: item.key === active }));
}

export type ViewSettings = {
  csrfKey: () => string;
  secureCookies: (request: FastifyRequest) => boolean;
  demo: boolean;
  /** Shown on the login page in demo mode only: every demo account (src/demo/login-accounts.ts), or null. */
  demoAccounts: {
    suggested: { username: string; role: string; unit: string }[];
    counties: {
      county: string;
      roles: { label: string; description: string; accounts: { username: string; unit: string }[] }[];
    }[];
  } | null;
};
declare module 'fastify' {
  interface FastifyInstance {
    viewSettings: ViewSettings;
  }
}

/** Settings live on the app instance, not in module state, so two apps in one process stay apart. */
export function configureViews(app: FastifyInstance, settings: ViewSettings) {
  app.decorate('viewSettings', settings);
}

/** Renders a page with the layout's model: user, navigation, CSRF token and CSP nonce. Handlers pass only their own view model. */
export function renderPage(
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  model: Record<string, unknown> & { pageTitle: string; nav?: Navigation },
) {
  const settings = request.server.viewSettings;
  const binding = csrfBinding(request, reply, settings.secureCookies(request));
  const user = request.ctx.user;
  return reply.view(template, {
    ...model,
    layout: {
      user,
      csrfToken: csrfToken(settings.csrfKey(), binding),
      cspNonce: (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
      demo: settings.demo,
      demoAccounts: settings.demo && !user ? settings.demoAccounts : null,
      navigation: user ? menuFor(request.server.routeTable, user, model.nav) : [],
    },
  });
}
