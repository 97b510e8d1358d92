import { mockServices } from '@backstage/backend-test-utils';

/**
 * A scheduler that records the plugin's tasks instead of running them, so
 * that a test runs a task, the way the scheduler would, when it chooses.
 */
export function capturedTasks() {
  const scheduler = mockServices.scheduler.mock({
    createScheduledTaskRunner: () => ({ run: async () => {} }),
  });
  return {
    factory: scheduler.factory,
    /** Runs the task `id` once; rejects if the plugin scheduled no such task. */
    run: async (id: string) => {
      const call = scheduler.scheduleTask.mock.calls.find(
        ([task]) => task.id === id,
      );
      if (!call) throw new Error(`No task ${id} was scheduled`);
      await call[0].fn(new AbortController().signal);
    },
  };
}
