import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import YAML from 'yaml';

/**
 * One block of the README's install section that the install check carries
 * out. A block is marked by the HTML comment just before it (invisible on the
 * rendered page):
 *
 *   <!-- test:install run -->                    a shell block, run in the app
 *   <!-- test:install merge package.json -->     JSON merged into that file
 *   <!-- test:install merge app-config.yaml -->  YAML merged into that file
 *   <!-- test:install edit <path> -->            a diff applied to that file
 *   <!-- test:install file <path> -->            the whole content of a new file
 */
export type ReadmeStep = {
  action: 'run' | 'merge' | 'edit' | 'file';
  target?: string;
  /** 1-based line of the marker in README.md. */
  line: number;
  body: string;
};

const MARKER = /^<!-- test:install (run|merge|edit|file)(?: (\S+))? -->$/;

/** The marked blocks of a README, in order; an unreadable marker is an error. */
export function readSteps(readme: string): ReadmeStep[] {
  const lines = readme.split('\n');
  const steps: ReadmeStep[] = [];
  lines.forEach((text, index) => {
    if (!text.startsWith('<!-- test:install')) return;
    const marker = MARKER.exec(text);
    const action = marker?.[1] as ReadmeStep['action'] | undefined;
    if (!action || (action === 'run') !== !marker?.[2]) {
      throw new Error(`README.md:${index + 1}: unreadable marker ${text}`);
    }
    let open = index + 1;
    while (lines[open] === '') open++;
    if (!lines[open]?.startsWith('```')) {
      throw new Error(`README.md:${index + 1}: no code block after ${text}`);
    }
    const close = lines.indexOf('```', open + 1);
    if (close < 0) {
      throw new Error(`README.md:${open + 1}: code block never closed`);
    }
    steps.push({
      action,
      target: marker?.[2],
      line: index + 1,
      body: lines.slice(open + 1, close).join('\n'),
    });
  });
  return steps;
}

/** The paths to the values of an object that are not objects themselves. */
function leaves(value: unknown, path: string[] = []): [string[], unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [[path, value]];
  }
  return Object.entries(value).flatMap(([key, v]) => leaves(v, [...path, key]));
}

/** Objects are merged key by key; anything else is replaced. */
function deepMerge(base: unknown, extra: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(base) || !isObject(extra)) return extra;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    merged[key] = deepMerge(base[key], value);
  }
  return merged;
}

/**
 * Applies a unified-diff-like block: the lines starting with ' ' (or empty)
 * and '-' must appear once, together, in the file, and are replaced by the
 * lines starting with ' ' and '+'.
 */
export function applyEdit(source: string, diff: string, where: string) {
  const before: string[] = [];
  const after: string[] = [];
  for (const line of diff.split('\n')) {
    const sign = line[0] ?? ' ';
    const text = line.slice(1);
    if (sign === ' ' || sign === '-') before.push(text);
    if (sign === ' ' || sign === '+') after.push(text);
    if (!' -+'.includes(sign)) {
      throw new Error(`${where}: a diff line starts with '${sign}'`);
    }
  }
  const from = before.join('\n');
  const count = source.split(from).length - 1;
  if (count !== 1) {
    throw new Error(
      `${where}: the lines to change occur ${count} times in the file, not once:\n${from}`,
    );
  }
  return source.replace(from, () => after.join('\n'));
}

/**
 * Carries out one step in the app; `run` blocks go to `runShell`, which runs
 * them with bash in the app's root.
 */
export async function applyStep(
  step: ReadmeStep,
  appDir: string,
  runShell: (script: string) => Promise<void>,
) {
  const where = `README.md:${step.line}`;
  if (step.action === 'run') {
    await runShell(step.body);
    return;
  }
  const path = join(appDir, step.target!);
  if (step.action === 'file') {
    if (existsSync(path)) throw new Error(`${where}: ${path} already exists`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${step.body}\n`);
    return;
  }
  const source = readFileSync(path, 'utf8');
  if (step.action === 'edit') {
    writeFileSync(path, applyEdit(source, step.body, where));
  } else if (step.target!.endsWith('.json')) {
    const merged = deepMerge(JSON.parse(source), JSON.parse(step.body));
    writeFileSync(path, `${JSON.stringify(merged, null, 2)}\n`);
  } else if (/\.ya?ml$/.test(step.target!)) {
    // Sets each value of the block at its path in the document, so the rest
    // of the file, comments included, stays as it was.
    const doc = YAML.parseDocument(source);
    for (const [keys, value] of leaves(YAML.parse(step.body))) {
      doc.setIn(keys, value);
    }
    writeFileSync(path, doc.toString());
  } else {
    throw new Error(`${where}: cannot merge into ${step.target}`);
  }
}
