/** Command-line parsing for `roma-fdi`: turns argv and the environment into a checked command. */
import { parseArgs } from "node:util";

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, unexpected: 1, input: 2, api: 3, network: 4 } as const;

/** A usage problem: wrong command, unknown flag, missing value. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A parsed `task show` command. */
export interface TaskShowCommand {
  kind: "task-show";
  instanceId: string;
  taskId: string;
  projectId: string | undefined;
  endpoint: string | undefined;
  region: string | undefined;
  token: string | undefined;
  accessKey: string | undefined;
  secretKey: string | undefined;
  securityToken: string | undefined;
  json: boolean;
  timeoutMs: number | undefined;
  retries: number | undefined;
}

/** What the command line asks for. */
export type Command = { kind: "help" } | { kind: "version" } | TaskShowCommand;

const OPTIONS = {
  "instance-id": { type: "string" },
  "task-id": { type: "string" },
  "project-id": { type: "string" },
  endpoint: { type: "string" },
  region: { type: "string" },
  token: { type: "string" },
  ak: { type: "string" },
  sk: { type: "string" },
  json: { type: "boolean" },
  "timeout-ms": { type: "string" },
  retries: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** Parses argv (without node and script) with environment fallbacks. Throws {@link UsageError}. */
export function parseCommand(argv: readonly string[], env: Record<string, string | undefined>): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs quotes the offending argument; never echo a value that may be a token.
    throw new UsageError(String((error as Error).message).replace(/--(token|sk)[= ]\S+/g, "--$1 ***"));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  if (positionals.length === 0 || positionals[0] === "help") return { kind: "help" };
  const [noun, verb, ...extra] = positionals;
  if (noun !== "task" || verb !== "show" || extra.length) {
    throw new UsageError(`unknown command "${positionals.join(" ")}"; the command is "task show"`);
  }
  const required = (name: "instance-id" | "task-id") => {
    const value = values[name];
    if (value === undefined) throw new UsageError(`--${name} is required`);
    return value;
  };
  if (values.endpoint !== undefined && values.region !== undefined) {
    throw new UsageError("give --endpoint or --region, not both");
  }
  const endpoint = values.endpoint ?? (values.region === undefined ? env.ROMA_ENDPOINT : undefined);
  const region = values.region ?? (endpoint === undefined ? env.ROMA_REGION : undefined);
  return {
    kind: "task-show",
    instanceId: required("instance-id"),
    taskId: required("task-id"),
    projectId: values["project-id"] ?? env.ROMA_PROJECT_ID,
    endpoint,
    region,
    token: values.token ?? env.ROMA_TOKEN,
    accessKey: values.ak ?? env.HUAWEICLOUD_SDK_AK,
    secretKey: values.sk ?? env.HUAWEICLOUD_SDK_SK,
    securityToken: env.HUAWEICLOUD_SDK_SECURITY_TOKEN,
    json: values.json ?? false,
    timeoutMs: optionalInteger("--timeout-ms", values["timeout-ms"]),
    retries: optionalInteger("--retries", values.retries),
  };
}

function optionalInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** The text `roma-fdi --help` prints. */
export const HELP = `roma-fdi — query a ROMA Connect data-integration (FDI) task

Usage:
  roma-fdi task show --instance-id ID --task-id ID [options]
  roma-fdi --help | --version

Options:
  --instance-id ID     ROMA Connect instance that runs the task (required)
  --task-id ID         task to show (required)
  --project-id ID      project that owns the instance      [env ROMA_PROJECT_ID]
  --endpoint URL       base URL, e.g. http://127.0.0.1:4010 [env ROMA_ENDPOINT]
  --region REGION      Huawei Cloud region, e.g. cn-north-4 [env ROMA_REGION]
                       (give --endpoint or --region, not both)
  --token TOKEN        IAM token                             [env ROMA_TOKEN]
  --ak KEY             access key ID, to sign requests       [env HUAWEICLOUD_SDK_AK]
  --sk SECRET          secret access key                     [env HUAWEICLOUD_SDK_SK]
                       temporary credentials also read       [env HUAWEICLOUD_SDK_SECURITY_TOKEN]
                       Give a token or an AK/SK pair. Prefer the environment
                       for secrets: arguments show up in process lists.
                       When both are set, --ak/--sk (or their variables) win.
  --json               print the body as JSON, with task_detail parsed
  --timeout-ms N       time limit of one attempt (default 30000)
  --retries N          retries after a retryable failure (default 2)
  -h, --help           show this help
  -v, --version        show the version

Output:
  A summary: name, type, status, created/modified times (ISO 8601, UTC),
  source -> target data source and table, and the column mapping as a table.
  Errors go to stderr as one line. Tokens and secret keys are never printed.

Exit codes:
  0  the task was shown
  1  unexpected failure (a bug: please report it)
  2  bad input: unknown command or flag, missing or invalid value
  3  the API answered with an error, or with a body that is not a task
  4  network failure or timeout
`;
