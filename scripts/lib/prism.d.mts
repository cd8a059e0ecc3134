/** Types of prism.mjs for the TypeScript tests that import it. */
export interface RunningPrism {
  url: string;
  port: number;
  /** Process ID of Prism. */
  pid: number | undefined;
  /** Prism's latest output lines (the last 200). */
  output: string[];
  /** Resolves when Prism ends, for any reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends Prism a signal (default SIGTERM) without waiting; for `exit` handlers. */
  kill(signal?: NodeJS.Signals): void;
  /** Ends Prism (SIGTERM, then SIGKILL after 5 s) and waits for it. */
  stop(): Promise<void>;
}
/** An Error whose `code` is `EADDRINUSE`, for a port that is taken. */
export interface PortInUseError extends Error {
  code: "EADDRINUSE";
  port: number;
  host: string;
}
export function findFreePort(): Promise<number>;
export function portInUseError(port: number, host: string): PortInUseError;
export function checkPortFree(port: number, host?: string): Promise<void>;
export function startPrism(options?: {
  port?: number;
  host?: string;
  onLine?: (line: string) => void;
  timeoutMs?: number;
  signal?: AbortSignal;
}): Promise<RunningPrism>;
