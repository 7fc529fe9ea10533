import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const revisionProjectApiRoutes: FastifyPluginAsyncZod = async () => {};
