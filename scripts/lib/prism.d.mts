/** Types of prism.mjs for the TypeScript tests that import it. */
export interface RunningPrism {
  url: string;
  port: number;
  output: string[];
  stop(): Promise<void>;
}
export function findFreePort(): Promise<number>;
export function startPrism(options?: {
  port?: number;
  host?: string;
  onLine?: (line: string) => void;
  timeoutMs?: number;
}): Promise<RunningPrism>;
