// The authorization matrix's rows and examples for discharge planning (issue 25), spread into
// authorization-table.ts (columns as there). The stay's inpatient unit and the units it notified (involved, its
// manager) see it; only the region's inpatient care sends notices; the paying municipality's manager disputes a day.

type Example = { body?: unknown; form?: Record<string, string>; query?: string };

export const dischargeExamples: Record<string, (ids: Record<string, string>) => Example> = {
  'POST /api/discharge/stays': (ids) => ({
    body: {
      person: { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' },
      admittedAt: '2026-11-26T08:00:00Z',
      expectedReadyOn: '2026-12-01',
      municipalityPrincipalId: 'municipality-1780',
      units: [{ unitId: ids.karlstadUnit, kind: 'socialServices' }],
    },
  }),
  'PUT /api/discharge/stays/:id/expected-date': () => ({ body: { expectedReadyOn: '2026-12-01' } }),
  'PUT /api/discharge/stays/:id/preparation': () => ({ body: { preparation: 'Boendestöd' } }),
  'POST /api/discharge/stays/:id/readiness': () => ({ body: { judgedAt: '2026-11-26T08:00:00Z' } }),
  'POST /api/discharge/stays/:id/discharge': () => ({
    body: {
      dischargedOn: '2026-11-26',
      informationTransferredOn: '2026-11-26',
      summary: { care: 'Vård', existingPlans: '' },
    },
  }),
  'POST /api/discharge/stays/:id/disputed-days': () => ({
    body: { day: '2026-11-24', reason: 'Hemtjänst fanns.' },
  }),
  'GET /api/discharge/payments': () => ({ query: '?month=2026-11' }),
  'GET /utskrivning/fakturaunderlag': () => ({ query: '?manad=2026-11' }),
  'GET /utskrivning/fakturaunderlag.csv': () => ({ query: '?manad=2026-11&kommun=municipality-1780' }),
  'GET /utskrivning/fakturaunderlag.pdf': () => ({ query: '?manad=2026-11&kommun=municipality-1780' }),
  'POST /api/discharge/payment-rules': () => ({
    body: {
      validFrom: '2027-01-01',
      daysAfterNotice: 3,
      dayKind: 'calendar',
      dailyAmountSek: 10500,
      source: 'Länets överenskommelse',
    },
  }),
};

// biome-ignore format: one row per route, its nine answers in columns
export const dischargeMatrix: Record<string, string> = {
  // The pages, called before the API: empty forms come back with their messages (400), except acknowledging,
  // whose one field is optional: the involved unit acknowledges there (303), so the API finds it done (409).
  'GET /utskrivning': 'login 200   200   200   200   403   403   403   403',
  'GET /utskrivning/ny': 'login 200   200   200   200   403   403   403   403',
  'POST /utskrivning/ny': 'login 400   400   400   400   403   403   403   403',
  'GET /utskrivning/:id': 'login 404   404   200   200   403   403   403   403',
  'GET /utskrivning/:id/kvittera': 'login 404   404   200   200   403   403   403   403',
  'POST /utskrivning/:id/kvittera': 'login 404   404   303   409   403   403   403   403',
  'GET /utskrivning/:id/forberedelse': 'login 404   404   200   200   403   403   403   403',
  'POST /utskrivning/:id/forberedelse': 'login 404   404   400   400   403   403   403   403',
  'GET /utskrivning/:id/beraknat-datum': 'login 404   404   200   200   403   403   403   403',
  'POST /utskrivning/:id/beraknat-datum': 'login 404   404   400   400   403   403   403   403',
  'GET /utskrivning/:id/utskrivningsklar': 'login 404   404   200   200   403   403   403   403',
  'POST /utskrivning/:id/utskrivningsklar': 'login 404   404   400   400   403   403   403   403',
  'GET /utskrivning/:id/skriv-ut': 'login 404   404   200   200   403   403   403   403',
  'POST /utskrivning/:id/skriv-ut': 'login 404   404   400   400   403   403   403   403',
  'GET /utskrivning/:id/bestrid': 'login 404   404   200   200   403   403   403   403',
  'POST /utskrivning/:id/bestrid': 'login 404   404   400   400   403   403   403   403',
  'POST /utskrivning/:id/inte-utskrivningsklar': 'login 404   404   403   403   403   403   403   403',
  'POST /utskrivning/:id/kalla-sip': 'login 404   404   403   403   403   403   403   403',
  // The invoice basis: Karlstad's, which another county's and another municipality's users do not get.
  'GET /utskrivning/fakturaunderlag': 'login 200   200   200   200   403   403   403   403',
  'GET /utskrivning/fakturaunderlag.csv': 'login 404   404   200   200   403   403   403   403',
  'GET /utskrivning/fakturaunderlag.pdf': 'login 404   404   200   200   403   403   403   403',
  // The county's payment rules: everyone who works with discharges reads them, the county administrator adds.
  'GET /utskrivning/betalningsansvar': 'login 200   200   200   200   403   403   200   403',
  'GET /utskrivning/betalningsansvar/ny-regel': 'login 403   403   403   403   403   403   200   403',
  'POST /utskrivning/betalningsansvar/ny-regel': 'login 403   403   403   403   403   403   400   403',
  'POST /api/discharge/stays': '401   403   403   403   403   403   403   403   403',
  'GET /api/discharge/stays': '401   200   200   200   200   403   403   403   403',
  'GET /api/discharge/stays/:id': '401   404   404   200   200   403   403   403   403',
  'POST /api/discharge/stays/:id/acknowledgement': '401   404   404   409   409   403   403   403   403',
  'PUT /api/discharge/stays/:id/expected-date': '401   404   404   403   403   403   403   403   403',
  'PUT /api/discharge/stays/:id/preparation': '401   404   404   200   200   403   403   403   403',
  'POST /api/discharge/stays/:id/readiness': '401   404   404   403   403   403   403   403   403',
  'POST /api/discharge/stays/:id/readiness/revocation': '401   404   404   403   403   403   403   403   403',
  'POST /api/discharge/stays/:id/sip': '401   404   404   403   403   403   403   403   403',
  'POST /api/discharge/stays/:id/discharge': '401   404   404   403   403   403   403   403   403',
  'POST /api/discharge/stays/:id/disputed-days': '401   403   403   403   201   403   403   403   403',
  'GET /api/discharge/payments': '401   200   200   200   200   403   403   403   403',
  'GET /api/discharge/payment-rules': '401   200   200   200   200   200   200   200   200',
  'POST /api/discharge/payment-rules': '401   403   403   403   403   403   403   201   403',
};
