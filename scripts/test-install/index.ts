/**
 * yarn test:install: does what an adopter does with the README alone. It
 * creates a fresh app with @backstage/create-app, packs this repository's
 * three packages, carries out every marked block of the README's install
 * section in the app (see readme.ts), type-checks and builds the app, installs
 * the build as the app's Dockerfile does, starts that backend on a free port
 * and checks the REST API and the Maturity tab in Chromium. Run through
 * scripts/test-install.sh, which provides Node and Yarn.
 *
 * Options: --keep (keep the work folder), --dir <path> (work there),
 * --fresh-lock (resolve the app's dependencies anew instead of from
 * app.yarn.lock), --update-lock (write the fresh app's yarn.lock there).
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { checkApi, checkBrowser } from './checks';
import { applyStep, readSteps, ReadmeStep } from './readme';

/** create-app of the Backstage release the plugins target (1.55). */
const CREATE_APP = '@backstage/create-app@0.9.2';
/**
 * By when the versions that create-app names had all been published: the
 * newest of them, @backstage/plugin-user-settings-backend 0.4.7, by
 * 2026-09-20T22:47:46Z (`npm view <package> time`). Its templates name them
 * by caret ranges, which today also take later releases (1.57's signals
 * backend, for one, calls an httpRouter method that 1.55's backend-defaults
 * lacks, and the backend fails to start); --update-lock resolves as of this
 * moment instead, as an adopter did then.
 */
const RELEASE_PUBLISHED = '2026-09-20T22:48:00Z';
const ROOT = resolve(__dirname, '../..');
const SEED_LOCK = join(__dirname, 'app.yarn.lock');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const dirArg = args.includes('--dir')
  ? resolve(args[args.indexOf('--dir') + 1])
  : undefined;

const started = Date.now();
const elapsed = (since = started) =>
  `${Math.round((Date.now() - since) / 1000)} s`;
const work = dirArg ?? mkdtempSync(join(tmpdir(), 'cnmm-install-'));
const app = join(work, 'app');
const image = join(work, 'image');
const logs = join(work, 'logs');
mkdirSync(logs, { recursive: true });

const stops: Array<() => void> = [];
let stepNumber = 0;
let currentLog = '';

function step(title: string) {
  stepNumber++;
  currentLog = join(logs, `${String(stepNumber).padStart(2, '0')}.log`);
  console.log(`\n=== ${stepNumber}. ${title}   [at ${elapsed()}]`);
}

function say(line: string) {
  console.log(`    ${line}`);
}

/** Runs a command, its output into the step's log; fails with the log's end. */
function run(
  command: string,
  commandArgs: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
) {
  const since = Date.now();
  say(`$ ${[command, ...commandArgs].join(' ')}   (in ${options.cwd})`);
  return new Promise<void>((done, fail) => {
    const out = createWriteStream(currentLog, { flags: 'a' });
    // In a process group of its own, so that a stop ends its children too.
    const child = spawn(command, commandArgs, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const stop = () => process.kill(-child.pid!, 'SIGTERM');
    stops.push(stop);
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', fail);
    child.on('close', code => {
      stops.splice(stops.indexOf(stop), 1);
      out.end(() => {
        if (code === 0) {
          say(`ok (${elapsed(since)})`);
          done();
          return;
        }
        const tail = readFileSync(currentLog, 'utf8').split('\n').slice(-40);
        fail(
          new Error(
            `${command} exited with ${code}; the end of ${currentLog}:\n${tail.join(
              '\n',
            )}`,
          ),
        );
      });
    });
  });
}

const yarn = (cwd: string, ...yarnArgs: string[]) =>
  run('yarn', yarnArgs, { cwd });

function freePort() {
  return new Promise<number>((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/**
 * The registry copy of these build machines lacks some versions of
 * platform-specific packages (docs of the machines); this repository maps
 * them in its own resolutions, and the app gets the same map. A machine with
 * the full npm registry does not need it.
 */
function addRegistryGapResolutions() {
  const ours = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const pkgPath = join(app, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  for (const [name, version] of Object.entries(ours.resolutions)) {
    if (name.includes('@npm:') || name === '@yarnpkg/core') {
      pkg.resolutions[name] = version;
    }
  }
  writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
}

/**
 * Installs the app with only the package versions published by
 * RELEASE_PUBLISHED (Yarn's minimal age gate, the @backstage packages too),
 * then puts the app's .yarnrc.yml back as create-app wrote it.
 */
async function installAsPublished() {
  const path = join(app, '.yarnrc.yml');
  const original = readFileSync(path, 'utf8');
  // Whole minutes, rounded down: a version published by then is older.
  const minutes = Math.floor(
    (Date.now() - Date.parse(RELEASE_PUBLISHED)) / 60_000,
  );
  const settings = YAML.parseDocument(original);
  settings.set('npmMinimalAgeGate', `${minutes}m`);
  settings.set('npmPreapprovedPackages', []);
  writeFileSync(path, settings.toString());
  say(`dependencies resolved as published by ${RELEASE_PUBLISHED}`);
  try {
    await yarn(app, 'install');
  } finally {
    writeFileSync(path, original);
  }
}

function describe(s: ReadmeStep) {
  if (s.action === 'run')
    return s.body
      .split('\n')
      .filter(l => !l.startsWith('#'))
      .join(' && ');
  return `${s.action} ${s.target}`;
}

/** Starts the built backend as the image's CMD does, on `port`. */
async function startBackend(port: number) {
  const base = `http://localhost:${port}`;
  // The test's own settings: a free port, SQLite in memory instead of the
  // production config's PostgreSQL, and the guest sign-in outside development.
  writeFileSync(
    join(image, 'app-config.install-check.yaml'),
    [
      `app: { baseUrl: '${base}' }`,
      'backend:',
      `  baseUrl: '${base}'`,
      `  listen: '127.0.0.1:${port}'`,
      "  database: { client: better-sqlite3, connection: ':memory:' }",
      'auth: { providers: { guest: { dangerouslyAllowOutsideDevelopment: true } } }',
      '',
    ].join('\n'),
  );
  const configs = [
    'app-config.yaml',
    'app-config.production.yaml',
    'app-config.install-check.yaml',
  ];
  const command = [
    'packages/backend',
    ...configs.flatMap(c => ['--config', c]),
  ];
  say(`$ NODE_ENV=production node ${command.join(' ')}   (in ${image})`);
  const out = createWriteStream(currentLog, { flags: 'a' });
  const backend = spawn('node', command, {
    cwd: image,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  backend.stdout.pipe(out);
  backend.stderr.pipe(out);
  let exited: number | null = null;
  backend.on('exit', code => {
    exited = code ?? -1;
  });
  stops.push(() => {
    if (exited === null) process.kill(-backend.pid!, 'SIGTERM');
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== null) {
      throw new Error(`the backend exited with ${exited}; see ${currentLog}`);
    }
    const ready = await fetch(`${base}/.backstage/health/v1/readiness`).catch(
      () => undefined,
    );
    if (ready?.ok) break;
    if (Date.now() > deadline)
      throw new Error(
        `the backend was not ready within 180 s; see ${currentLog}`,
      );
    await new Promise(r => setTimeout(r, 1000));
  }
  say(`ready at ${base} (backend log: ${currentLog})`);
  return base;
}

async function main() {
  step('Pinned tools');
  say(`work folder: ${work}`);
  say(
    `node ${process.version}, ${CREATE_APP}, yarn 4.13.0 (create-app's, and this repository's)`,
  );
  if (!/^v(22|24)\./.test(process.version))
    throw new Error('Node 22 or 24 needed');
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const steps = readSteps(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  say(`README.md: ${steps.length} marked install steps`);

  step('Pack the three packages (yarn pack:plugins)');
  await yarn(ROOT, 'pack:plugins');

  step(`Create an app (npx ${CREATE_APP})`);
  await run('npx', ['--yes', CREATE_APP, '--path', app, '--skip-install'], {
    cwd: work,
    env: { BACKSTAGE_APP_NAME: 'maturity-install-check' },
  });

  step('Install the app');
  addRegistryGapResolutions();
  if (flag('--update-lock')) {
    await installAsPublished();
    copyFileSync(join(app, 'yarn.lock'), SEED_LOCK);
    say(`wrote ${SEED_LOCK}`);
  } else {
    if (flag('--fresh-lock')) {
      say("dependencies resolved anew, from today's registry");
    } else {
      copyFileSync(SEED_LOCK, join(app, 'yarn.lock'));
      say(`dependencies as locked in ${SEED_LOCK}`);
    }
    await yarn(app, 'install');
  }

  for (const s of steps) {
    step(`README.md:${s.line}: ${describe(s)}`);
    await applyStep(s, app, script =>
      run('bash', ['-euo', 'pipefail', '-c', script], {
        cwd: app,
        env: { CNMM: ROOT },
      }),
    );
  }

  step('Type-check (yarn tsc)');
  await yarn(app, 'tsc');

  step('Build the backend and the frontend it serves (yarn build:backend)');
  await yarn(app, 'build:backend');

  step("Install the build as the app's Dockerfile does, without Docker");
  rmSync(image, { recursive: true, force: true });
  mkdirSync(image);
  for (const f of [
    '.yarn',
    '.yarnrc.yml',
    'backstage.json',
    'yarn.lock',
    'package.json',
    'vendor',
  ]) {
    cpSync(join(app, f), join(image, f), { recursive: true });
  }
  await run(
    'tar',
    ['xzf', join(app, 'packages/backend/dist/skeleton.tar.gz')],
    { cwd: image },
  );
  await run('yarn', ['workspaces', 'focus', '--all', '--production'], {
    cwd: image,
    env: { NODE_ENV: 'production' },
  });
  cpSync(join(app, 'examples'), join(image, 'examples'), { recursive: true });
  await run('tar', ['xzf', join(app, 'packages/backend/dist/bundle.tar.gz')], {
    cwd: image,
  });
  for (const f of ['app-config.yaml', 'app-config.production.yaml']) {
    copyFileSync(join(app, f), join(image, f));
  }

  step('Start the backend on a free port');
  const base = await startBackend(await freePort());

  step('The REST API with a guest token');
  await checkApi(base, say);

  step('The Maturity tab in Chromium');
  await checkBrowser(base, CHROMIUM, work, say);
}

function stopAll() {
  for (const stop of stops.splice(0)) {
    try {
      stop();
    } catch {
      // already gone
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

main().then(
  () => {
    stopAll();
    console.log(
      `\n=== install check passed in ${elapsed()} (${stepNumber} steps)`,
    );
    if (!flag('--keep') && !dirArg)
      rmSync(work, { recursive: true, force: true });
    else console.log(`    work folder kept: ${work}`);
  },
  error => {
    stopAll();
    console.error(
      `\n=== install check FAILED at step ${stepNumber} after ${elapsed()}`,
    );
    console.error(String(error?.stack ?? error));
    console.error(`    work folder kept for a look: ${work}`);
    process.exit(1);
  },
);
