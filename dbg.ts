import { reportBody } from './test/helpers/deviation-world.ts';
import { startTestServer } from './test/helpers/server.ts';

const s = await startTestServer({ LOG_LEVEL: 'error' });
const t = await s.login('soc.arvika');
const r = await s.api('POST', '/api/deviations', { token: t, body: reportBody() });
console.log(r.status);
await s.close();
