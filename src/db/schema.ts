// Every module's tables, gathered for drizzle-kit and the database client. Modules import their own
// schema files directly; this index exists for migrations and typed queries only.
export * from '../modules/agreements/schema.ts';
export * from '../modules/deviations/schema.ts';
export * from '../modules/discharge/schema.ts';
export * from '../modules/disputes/schema.ts';
export * from '../modules/followup/schema.ts';
export * from '../modules/needs-inventory/schema.ts';
export * from '../modules/notifications/schema.ts';
export * from '../modules/organisations/schema.ts';
export * from '../modules/responsibilities/schema.ts';
export * from '../modules/revision-projects/schema.ts';
export * from '../modules/sip/schema.ts';
export * from '../platform/access/schema.ts';
export * from '../platform/auth/person-schema.ts';
export * from '../platform/auth/schema.ts';
export * from '../platform/events/schema.ts';
export * from '../platform/mail/schema.ts';
export * from '../platform/notices/schema.ts';
export * from '../platform/people/schema.ts';
