/** Progress a tick task keeps between ticks, written with optimistic locking. */
export interface TaskStateStore {
  get<T>(task: string): Promise<{ state: T; version: number } | null>;
  /**
   * Writes the state if it is still at `version` (0: not written yet); otherwise ConflictError
   * (another tick moved it on meanwhile).
   */
  put<T>(task: string, state: T, version: number): Promise<void>;
}
