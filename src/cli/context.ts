// What a command runs with: its output streams, --quiet, and the signal Ctrl-C aborts.
export interface Context {
  stdout: NodeJS.WriteStream | { write(s: string): unknown };
  stderr: NodeJS.WriteStream;
  quiet: boolean;
  signal: AbortSignal;
}
