/**
 * The scheduled tick (every minute): runs each registered task in turn. A task is idempotent (safe
 * to run twice at once) and bounded (at most its budget per tick); when work is left it says `more`
 * and continues on the next tick. One task's failure does not stop the others.
 */
export interface TaskResult {
  /** Work items handled this tick. */
  handled: number;
  /** Whether work was left for the next tick. */
  more: boolean;
  /** Task-specific counts for the log. */
  stats?: Record<string, unknown>;
}

export interface TickTask {
  name: string;
  /** Most work items per tick. */
  budget: number;
  run(now: Date, budget: number): Promise<TaskResult>;
}

export type TickReport = Record<string, TaskResult | { error: string }>;

export async function runTick(
  tasks: readonly TickTask[],
  now: Date,
  onError: (message: string, context: Record<string, unknown>) => void = () => {},
): Promise<TickReport> {
  const report: TickReport = {};
  for (const task of tasks) {
    try {
      report[task.name] = await task.run(now, task.budget);
    } catch (e) {
      onError('tick task failed', { task: task.name, error: e instanceof Error ? e.stack ?? e.message : String(e) });
      report[task.name] = { error: String(e) };
    }
  }
  return report;
}
