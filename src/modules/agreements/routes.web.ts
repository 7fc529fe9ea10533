import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const agreementWebRoutes: FastifyPluginAsyncZod = async () => {};
