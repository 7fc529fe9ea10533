import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const responsibilityWebRoutes: FastifyPluginAsyncZod = async () => {};
