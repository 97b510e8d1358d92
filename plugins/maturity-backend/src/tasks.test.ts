import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { MaturityConfig } from './config';
import { MaturityJobs, scheduleTasks } from './tasks';

const schedules: MaturityConfig['schedules'] = {
  orphanCleanup: {
    frequency: { hours: 6 },
    timeout: { minutes: 15 },
    initialDelay: { minutes: 2 },
  },
  catalogIndex: {
    frequency: { minutes: 10 },
    timeout: { minutes: 15 },
    initialDelay: { minutes: 10 },
  },
  reminders: {
    frequency: { cron: '0 * * * *' },
    timeout: { minutes: 5 },
  },
  retention: {
    frequency: { hours: 24 },
    timeout: { minutes: 30 },
  },
  reviewDigest: {
    frequency: { cron: '0 8 * * 1-5' },
    timeout: { minutes: 5 },
  },
  expiry: {
    frequency: { hours: 1 },
    timeout: { minutes: 30 },
  },
};

function setup() {
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: jest.fn(async () => {}),
  });
  const jobs: jest.Mocked<MaturityJobs> = {
    syncCatalogIndex: jest.fn(async (_signal: AbortSignal) => 'synced'),
    cleanOrphans: jest.fn(async (_signal: AbortSignal) => 'cleaned'),
    sendReminders: jest.fn(async (_signal: AbortSignal) => 'sent'),
    thinRevisions: jest.fn(async (_signal: AbortSignal) => 'thinned'),
  };
  return { scheduler, jobs };
}

async function scheduled() {
  const { scheduler, jobs } = setup();
  await scheduleTasks(scheduler, schedules, jobs);
  const tasks = new Map(
    scheduler.scheduleTask.mock.calls.map(([task]) => [task.id, task]),
  );
  return { scheduler, jobs, tasks };
}

describe('scheduleTasks', () => {
  it('schedules the four jobs, each once', async () => {
    const { scheduler, tasks } = await scheduled();
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(4);
    expect([...tasks.keys()].sort()).toEqual([
      'maturity-campaign-reminders',
      'maturity-catalog-index',
      'maturity-orphan-cleanup',
      'maturity-revision-retention',
    ]);
  });

  it('schedules no retention task when retention is off', async () => {
    const { scheduler, jobs } = setup();
    const { thinRevisions: _, ...withoutRetention } = jobs;
    await scheduleTasks(scheduler, schedules, withoutRetention);
    expect(
      scheduler.scheduleTask.mock.calls.map(([task]) => task.id),
    ).not.toContain('maturity-revision-retention');
  });

  it('schedules the review digest only when it has a job', async () => {
    const { scheduler, jobs } = setup();
    const sendReviewDigest = jest.fn(async (_signal: AbortSignal) => 1);
    await scheduleTasks(scheduler, schedules, { ...jobs, sendReviewDigest });
    const task = scheduler.scheduleTask.mock.calls
      .map(([t]) => t)
      .find(t => t.id === 'maturity-review-digest');
    expect(task).toMatchObject({
      scope: 'global',
      frequency: { cron: '0 8 * * 1-5' },
    });
    await task!.fn(new AbortController().signal);
    expect(sendReviewDigest).toHaveBeenCalledTimes(1);
  });

  it("passes the task's abort signal to its job", async () => {
    const { jobs, tasks } = await scheduled();
    const signal = new AbortController().signal;
    await tasks.get('maturity-campaign-reminders')!.fn(signal);
    expect(jobs.sendReminders).toHaveBeenCalledWith(signal);
  });

  it('schedules every job globally, once per period across replicas', async () => {
    const { tasks } = await scheduled();
    for (const task of tasks.values()) expect(task.scope).toBe('global');
  });

  it.each<[string, keyof MaturityConfig['schedules']]>([
    ['maturity-orphan-cleanup', 'orphanCleanup'],
    ['maturity-catalog-index', 'catalogIndex'],
    ['maturity-campaign-reminders', 'reminders'],
    ['maturity-revision-retention', 'retention'],
  ])('gives %s its configured schedule', async (id, key) => {
    const { tasks } = await scheduled();
    const { frequency, timeout, initialDelay } = tasks.get(id)!;
    const schedule: SchedulerServiceTaskScheduleDefinition = {
      frequency,
      timeout,
      ...(initialDelay ? { initialDelay } : {}),
    };
    expect(schedule).toEqual(schedules[key]);
  });

  it.each<[string, keyof MaturityJobs]>([
    ['maturity-orphan-cleanup', 'cleanOrphans'],
    ['maturity-catalog-index', 'syncCatalogIndex'],
    ['maturity-campaign-reminders', 'sendReminders'],
    ['maturity-revision-retention', 'thinRevisions'],
  ])('runs %s as %s', async (id, job) => {
    const { jobs, tasks } = await scheduled();
    await tasks.get(id)!.fn(new AbortController().signal);
    expect(jobs[job]).toHaveBeenCalledTimes(1);
    const others = (Object.keys(jobs) as Array<keyof MaturityJobs>).filter(
      name => name !== job,
    );
    for (const other of others) expect(jobs[other]).not.toHaveBeenCalled();
  });

  it('runs nothing while scheduling', async () => {
    const { jobs } = await scheduled();
    for (const job of Object.values(jobs)) expect(job).not.toHaveBeenCalled();
  });

  it('lets a failing job reject its run, for the scheduler to log', async () => {
    const { jobs, tasks } = await scheduled();
    jobs.cleanOrphans.mockRejectedValueOnce(new Error('database gone'));
    await expect(
      tasks.get('maturity-orphan-cleanup')!.fn(new AbortController().signal),
    ).rejects.toThrow('database gone');
  });
});
