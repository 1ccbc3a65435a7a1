import * as z from 'zod';

export const HealthResponse = z.object({
  ok: z.literal(true),
  stage: z.string(),
  time: z.string(),
});
