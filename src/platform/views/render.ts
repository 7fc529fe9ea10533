import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../modules/organisations/schema.ts';
import { csrfBinding, csrfToken } from '../http/csrf.ts';

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

// An entry with roles is shown only to users with one of them; the routes behind it check again.
const navigation: { key: Navigation; text: string; href: string; roles?: Role[] }[] = [
  { key: 'mitt-arbete', text: 'Mitt arbete', href: '/' },
  { key: 'sip', text: 'SIP', href: '/sip' },
  { key: 'utskrivning', text: 'Utskrivning', href: '/utskrivning' },
  { key: 'avvikelser', text: 'Avvikelser', href: '/avvikelser' },
  { key: 'tvister', text: 'Tvister', href: '/tvister' },
  { key: 'overenskommelser', text: 'Överenskommelser', href: '/overenskommelser' },
  { key: 'uppfoljning', text: 'Uppföljning', href: '/uppfoljning' },
  { key: 'organisationer', text: 'Organisationer', href: '/organisationer' },
  { key: 'administration', text: 'Administration', href: '/administration', roles: ['countyAdmin'] },
];

export type ViewSettings = {
  csrfKey: () => string;
  secureCookies: (request: FastifyRequest) => boolean;
  demo: boolean;
  /** Shown on the login page in demo mode only. */
  demoAccounts: { username: string; unit: string; roles: string }[];
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
      demoAccountRows:
        settings.demo && !user && settings.demoAccounts.length > 0
          ? settings.demoAccounts.map((a) => [{ text: a.username }, { text: a.unit }, { text: a.roles }])
          : undefined,
      navigation: user
        ? navigation
            .filter((item) => !item.roles || item.roles.some((r) => user.roles.includes(r)))
            .map((item) => ({ text: item.text, href: item.href, active: item.key === model.nav }))
        : [],
    },
  });
}
