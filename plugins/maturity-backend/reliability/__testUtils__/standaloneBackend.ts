import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { resolve } from 'node:path';
import { createClient } from './http';
import type { StandaloneSettings } from './standaloneServer';

const PACKAGE_DIR = resolve(__dirname, '../..');
const SERVER = resolve(__dirname, 'standaloneServer.ts');

/** A port that was free a moment ago, on loopback. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(ok => server.close(ok));
  return port;
}

export interface Standalone {
  name: string;
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** Resolves when the process has exited, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  /** The last lines the process wrote, for failure messages. */
  tail(lines?: number): string;
  /** How many output lines matched. */
  count(pattern: RegExp): number;
  /** SIGTERM, then SIGKILL if it has not exited within 15 s. */
  stop(): Promise<void>;
}

const MAX_LINES = 5000;

/**
 * Starts src/ in a separate Node process, the way bench/index.ts runs it
 * (the Backstage CLI's TypeScript transform, no build), and waits until it
 * serves. Output is kept (last 5000 lines) rather than printed.
 */
export async function startStandalone(options: {
  name: string;
  database: object;
  config?: object;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  startTimeoutMs?: number;
}): Promise<Standalone> {
  const port = await freePort();
  const settings: StandaloneSettings = {
    port,
    database: options.database,
    config: options.config,
  };
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      SERVER,
    ],
    {
      cwd: PACKAGE_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: options.logLevel ?? 'warn',
        MATURITY_RELIABILITY_SERVER: JSON.stringify(settings),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const all: string[] = [];
  let ready: () => void;
  const isReady = new Promise<void>(ok => {
    ready = ok;
  });
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      all.push(line);
      if (lines.length > MAX_LINES) lines.shift();
      if (line.includes('MATURITY_RELIABILITY_READY')) ready();
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>(ok => child.once('exit', (code, signal) => ok({ code, signal })));

  const tail = (n = 40) => lines.slice(-n).join('\n');
  const timeoutMs = options.startTimeoutMs ?? 90_000;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    isReady.then(() => 'ready' as const),
    exited.then(() => 'exited' as const),
    new Promise<'timeout'>(ok => {
      timer = setTimeout(() => ok('timeout'), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (outcome !== 'ready') {
    child.kill('SIGKILL');
    throw new Error(
      `standalone backend ${
        options.name
      } ${outcome} before serving:\n${tail()}`,
    );
  }

  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name: options.name,
    port,
    baseUrl: `http://127.0.0.1:${port}/api/maturity`,
    child,
    exited,
    alive,
    tail,
    count: pattern => all.filter(line => pattern.test(line)).length,
    async stop() {
      if (!alive()) return;
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(kill);
    },
  };
}

/** A client on a standalone backend's API. */
export function clientOf(backend: Standalone, maxSockets = 64) {
  return createClient(backend.baseUrl, maxSockets);
}
