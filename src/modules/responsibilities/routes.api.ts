import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const responsibilityApiRoutes: FastifyPluginAsyncZod = async () => {};
