// The control for `npm run security`: a tiny HTTP server, never part of Sömlös, whose one route builds its SQL
// by pasting a path parameter and a JSON field into the query text, which is exactly the mistake the scan is
// looking for. scripts/security.sh runs sqlmap on it with the options it uses on the API and requires both
// planted injections to be found, so that "0 findings" on the API means the scan would have seen one.
//
//   node scripts/security-control.ts PORT      (prints "ready" once it listens on 127.0.0.1:PORT)
import { createServer } from 'node:http';
import { PGlite } from '@electric-sql/pglite';

const db = new PGlite();
await db.exec(`create table items (id text, name text); insert into items values ('1', 'a'), ('2', 'b');`);

const server = createServer(async (request, response) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  try {
    const { name } = JSON.parse(body || '{}') as { name?: string };
    const id = decodeURIComponent(request.url?.split('/')[3] ?? '');
    // Deliberately injectable: never write SQL like this.
    const result = await db.query(`select * from items where id = '${id}' and name <> '${name ?? ''}'`);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result.rows));
  } catch {
    response.writeHead(500).end('error');
  }
});
server.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => server.close(() => void db.close().then(() => process.exit(0))));
