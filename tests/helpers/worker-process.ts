// `wireroom run --no-server` as a real child process, with its log and a way to wait for what it does.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './env.ts';

export interface WorkerProcess {
  kill(signal: NodeJS.Signals): void;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /** Its exit code, or undefined while it runs. */
  exitCode(): number | null | undefined;
  /** Everything it logged so far (JSON lines on stderr). */
  stderr(): string;
  /** Waits until cond holds; fails (does not skip) if the worker exits first or 45 s pass. */
  until(cond: () => boolean, what: string): Promise<void>;
}

export function spawnWorker(configDir: string, cwd: string): WorkerProcess {
  const args = [path.join(REPO_ROOT, 'bin/wireroom.js'), '--config', configDir, 'run', '--no-server'];
  const child = spawn(process.execPath, args, {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, WIREROOM_LOG_LEVEL: 'info' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const until = async (cond: () => boolean, what: string): Promise<void> => {
    const end = Date.now() + 45_000;
    while (!cond()) {
      if (exitCode !== undefined) throw new Error(`worker exited (${exitCode}) before ${what}: ${stderr}`);
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { kill: (s) => child.kill(s), exited, exitCode: () => exitCode, stderr: () => stderr, until };
}
