/** Mapping stored items back to domain records. */

/** The listed fields of a stored item (missing ones as null), as a domain record. */
export function pick<T>(item: Record<string, unknown>, fields: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = item[f] ?? null;
  return out as T;
}
