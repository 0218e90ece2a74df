/** Where a command writes; tests pass buffers, bin.ts passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
