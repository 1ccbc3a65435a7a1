export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as { __linliDb?: { stop(): Promise<void> } }).__linliDb;
  await db?.stop();
}
