/**
 * Writes the CLI's output to the process streams without letting a write
 * failure crash it. A reader that leaves early (`roma-fdi … | head`) closes
 * the pipe: later output is dropped quietly and the command keeps its exit
 * code. Any other failure (a full disk, say) is reported on one line and the
 * exit code becomes 1.
 */
import { EXIT } from "./args.js";
import { oneSafeLine } from "./terminal-text.js";

/** The part of a writable stream the guard needs. */
export interface OutputStream {
  /** Queues text for writing. */
  write(text: string): unknown;
  /** Where write failures are reported. */
  on(event: "error", listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/** Writers for stdout and stderr, and the exit code to use once the command is done. */
export interface GuardedOutput {
  /** Writes to stdout; dropped once stdout has failed or closed. */
  stdout: (text: string) => void;
  /** Writes to stderr; dropped once stderr has failed or closed. */
  stderr: (text: string) => void;
  /** The command's exit code, or 1 when some output could not be written. */
  exitCode(commandCode: number): number;
}

/**
 * Guards two streams. `onFailure` is called when output is lost for any
 * reason but a closed pipe, possibly after the command has finished (errors
 * of asynchronous writes arrive later); the bin sets `process.exitCode` there.
 */
export function guardOutput(stdout: OutputStream, stderr: OutputStream, onFailure: () => void): GuardedOutput {
  let stdoutOpen = true;
  let stderrOpen = true;
  let failed = false;
  const fail = () => {
    failed = true;
    onFailure();
  };
  const writeError = (text: string) => {
    if (stderrOpen) stderr.write(text);
  };
  stdout.on("error", (error) => {
    if (!stdoutOpen) return;
    stdoutOpen = false;
    if (error.code === "EPIPE") return;
    fail();
    writeError(`roma-fdi: ${oneSafeLine(`could not write to stdout (${error.code ?? error.message})`)}\n`);
  });
  stderr.on("error", (error) => {
    if (!stderrOpen) return;
    stderrOpen = false;
    if (error.code !== "EPIPE") fail();
  });
  return {
    stdout: (text) => {
      if (stdoutOpen) stdout.write(text);
    },
    stderr: writeError,
    exitCode: (commandCode) => (failed ? EXIT.unexpected : commandCode),
  };
}
