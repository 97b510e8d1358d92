import { readFileSync, writeFileSync } from 'node:fs';

/** A field of /proc/<pid>/status in KiB (Linux). */
function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
}

/** Resident memory of a process in KiB, from /proc (Linux). */
export function rssOf(pid: number): number {
  return statusKiB(pid, 'VmRSS');
}

/**
 * The peak resident memory of a process while `run` runs, in KiB above its
 * resident memory when `run` started. The kernel's high-water mark (VmHWM)
 * is reset first (`5` into /proc/<pid>/clear_refs), so that a peak between
 * two samples is not missed; where that is not allowed, VmRSS is sampled
 * every 10 ms instead.
 */
export async function peakGrowthOf<T>(
  pid: number,
  run: () => Promise<T>,
): Promise<{ result: T; growthKiB: number; how: 'VmHWM' | 'VmRSS sampled' }> {
  const before = rssOf(pid);
  let resettable = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    resettable = false;
  }
  let sampled = before;
  const sampler = resettable
    ? undefined
    : setInterval(() => {
        sampled = Math.max(sampled, rssOf(pid));
      }, 10);
  try {
    const result = await run();
    const peak = resettable ? statusKiB(pid, 'VmHWM') : sampled;
    return {
      result,
      growthKiB: Math.max(0, peak - before),
      how: resettable ? 'VmHWM' : 'VmRSS sampled',
    };
  } finally {
    if (sampler) clearInterval(sampler);
  }
}

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/**
 * p50 and p95 of `runs` calls of each function after a warm-up; heavy cases
 * run fewer. Several functions are called in turn, one call each, so that
 * an answer and the one it is compared with meet the same load of a shared
 * machine.
 */
export async function time(fns: Array<() => Promise<unknown>>, runs: number) {
  for (let i = 0; i < Math.max(2, runs / 6); i++) {
    for (const fn of fns) await fn();
  }
  const samples = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [j, fn] of fns.entries()) {
      const start = process.hrtime.bigint();
      await fn();
      samples[j].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return samples.map(s => {
    s.sort((a, b) => a - b);
    return { p50: percentile(s, 50), p95: percentile(s, 95) };
  });
}
