// wireroom as a real child process through bin/wireroom.js, with its log kept and a way to wait for what it does.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './env.ts';

export interface CliProcess {
  child: ChildProcess;
  /** Resolves with the exit code when the process has exited. */
  exited: Promise<number | null>;
  /** Everything it logged so far (JSON lines on stderr). */
  log(): string;
  running(): boolean;
}

/** `node bin/wireroom.js ...args`, info-level logs on stderr. */
export function spawnCli(args: string[], cwd = REPO_ROOT): CliProcess {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/wireroom.js'), ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, WIREROOM_LOG_LEVEL: 'info' },
  });
  let log = '';
  child.stderr?.on('data', (d) => (log += d));
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (c) => {
      code = c;
      resolve(c);
    }),
  );
  return { child, exited, log: () => log, running: () => code === undefined };
}

export interface WorkerProcess {
  kill(signal: NodeJS.Signals): void;
  /** Resolves when the process has exited. */
  exited: Promise<unknown>;
  /** Its exit code, or undefined while it runs. */
  exitCode(): number | null | undefined;
  /** Everything it logged so far (JSON lines on stderr). */
  stderr(): string;
  /** Waits until cond holds; fails (does not skip) if the worker exits first or 45 s pass. */
  until(cond: () => boolean, what: string): Promise<void>;
}

/** `wireroom run --no-server` on a config folder. */
export function spawnWorker(configDir: string, cwd: string): WorkerProcess {
  const p = spawnCli(['--config', configDir, 'run', '--no-server'], cwd);
  let exitCode: number | null | undefined;
  void p.exited.then((c) => (exitCode = c));
  const until = async (cond: () => boolean, what: string): Promise<void> => {
    const end = Date.now() + 45_000;
    while (!cond()) {
      if (exitCode !== undefined) throw new Error(`worker exited (${exitCode}) before ${what}: ${p.log()}`);
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${p.log()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { kill: (s) => p.child.kill(s), exited: p.exited, exitCode: () => exitCode, stderr: p.log, until };
}
