/**
 * Runs the deployed every-minute tick once, as the schedule would: it delivers the outbox entries
 * one job writes for another (an erased user's names, a verified service's points), which a job's
 * own function leaves to it.
 */
export async function runTick(): Promise<Record<string, unknown>> {
  const { handler } = await import('../../functions/src/handlers/tick');
  return handler();
}
