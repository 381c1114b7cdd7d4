/** Print the API's OpenAPI document (written from the contracts) to stdout: `npm run lint:api` lints it. */
import { openApiDocument } from '../system/openapi.ts';

process.stdout.write(`${JSON.stringify(openApiDocument(), null, 2)}\n`);
