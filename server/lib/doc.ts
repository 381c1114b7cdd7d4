import type { StandardSchemaV1 } from '@standard-schema/spec';
import { describeRoute, resolver } from 'hono-openapi';

/**
 * OpenAPI description of a route, beside the validators that document its inputs. `ok` is the success body's schema.
 */
export function doc(tag: string, summary: string, ok?: StandardSchemaV1, status = 200, description?: string) {
  return describeRoute({
    tags: [tag],
    summary,
    ...(description ? { description } : {}),
    responses: {
      [status]: ok
        ? { description: 'OK', content: { 'application/json': { schema: resolver(ok) } } }
        : { description: 'OK' },
      '4XX': {
        description: 'Error: `{ error: { code, message, details? } }`, message in the language of Accept-Language',
      },
    },
  });
}
