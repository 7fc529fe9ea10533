import { createServer } from 'node:http';
import { smtpServer } from '../helpers/smtp.ts';

// The browser suite's mail server: a real SMTP server (smtp-server) the app sends its outbox to, and an HTTP
// page on another port that lists what arrived, raw, for the specs to read (GET /messages). Playwright starts it
// beside the app (playwright.config.ts) and stops it after.

const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 3198);
const httpPort = Number(process.env.E2E_MAIL_PORT ?? 3199);
const smtp = await smtpServer({ port: smtpPort });
createServer((request, response) => {
  if (request.url === '/messages') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(smtp.received));
    return;
  }
  response.writeHead(request.url === '/' ? 200 : 404, { 'content-type': 'text/plain' });
  response.end('mail catcher');
}).listen(httpPort, '127.0.0.1');
console.log(`mail catcher: SMTP on ${smtpPort}, messages on http://127.0.0.1:${httpPort}/messages`);
