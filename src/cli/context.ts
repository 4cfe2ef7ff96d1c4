// What a command runs with: its output streams, --quiet, and the signal an interrupt aborts.
export interface Context {
  stdout: NodeJS.WriteStream | { write(s: string): unknown };
  stderr: NodeJS.WriteStream;
  quiet: boolean;
  signal: AbortSignal;
}

/** The abort reason of a signal: its name and the exit code it gives (128 + its number). */
export class Interrupted extends Error {
  override name = "Interrupted";
  constructor(readonly signalName: string, readonly exitCode: number) {
    super(`interrupted by ${signalName}`);
  }
}

/** A failure (exit 1) whose message names the path as the user gave it and what to do. */
export class CommandFailure extends Error {
  override name = "CommandFailure";
}
