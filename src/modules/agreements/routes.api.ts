import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const agreementApiRoutes: FastifyPluginAsyncZod = async () => {};
