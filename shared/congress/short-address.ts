/** The API contract of short public addresses (the rules of a code are in short-code.ts). */
import { z } from 'zod';

export const ShortCodeParam = z.object({ code: z.string().trim().min(1).max(20) });

/** The typable addresses of a congress (GET /api/public/addresses/:code and /api/public/congresses/:id/addresses). */
export const ShortAddress = z.object({
  congressId: z.string(),
  congressName: z.string(),
  code: z.string(),
  /** Where residents propose: `<origin>/p/<code>`. */
  submitUrl: z.string(),
  /** Where an evaluation code is typed by its serial: `<origin>/e/<code>`. */
  answerUrl: z.string(),
});
export type ShortAddress = z.infer<typeof ShortAddress>;
