import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const revisionProjectWebRoutes: FastifyPluginAsyncZod = async () => {};
