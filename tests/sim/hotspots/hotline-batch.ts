export async function hotlineBatch(o: { endpoint: string; table: string; tickets?: number }): Promise<Record<string, unknown>> {
  return { ...o };
}
