/** Command-line parsing for `roma-fdi`: turns argv and the environment into a checked command. */
import { parseArgs } from "node:util";
import type { RomaAuth } from "../auth/credentials.js";

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, unexpected: 1, input: 2, api: 3, network: 4 } as const;

/**
 * A usage problem: wrong command, unknown flag, missing or invalid value.
 * Its message never holds an argument or an option value, only option names.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** Whether the message should point at `--help` (syntax problems do; missing settings do not). */
  readonly seeHelp: boolean;

  constructor(message: string, options: { seeHelp?: boolean } = {}) {
    super(message);
    this.seeHelp = options.seeHelp ?? true;
  }
}

/** A parsed `task show` command. */
export interface TaskShowCommand {
  kind: "task-show";
  instanceId: string;
  taskId: string;
  projectId: string;
  endpoint: string | undefined;
  region: string | undefined;
  /** The credentials to use, chosen as {@link chooseCredentials} says. */
  auth: RomaAuth;
  /** Every secret value given, used or not, so that no message can show one. */
  secrets: readonly string[];
  json: boolean;
  timeoutMs: number | undefined;
  retries: number | undefined;
  /**
   * How the user set each client option, keyed by the library's field name
   * (`projectId`, `auth.token`…): the flag (`--token`) or the environment
   * variable (`ROMA_TOKEN`) it came from. Error messages use these names.
   */
  sources: Readonly<Record<string, string>>;
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

type OptionName = keyof typeof OPTIONS;
type Values = { [K in OptionName]?: (typeof OPTIONS)[K]["type"] extends "string" ? string : boolean };

/** Largest `--timeout-ms`: what a timer can hold. */
export const MAX_TIMEOUT_MS = 2_147_483_647;
/** Largest `--retries`. */
export const MAX_RETRIES = 10;

/** The message for missing credentials. */
export const CREDENTIALS_REQUIRED =
  "credentials are required: set ROMA_TOKEN, or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (or pass --token, or --ak and --sk)";
/** The message for a missing endpoint and region. */
export const ENDPOINT_REQUIRED = "--endpoint or --region is required (or ROMA_ENDPOINT / ROMA_REGION)";

/** Parses argv (without node and script) with environment fallbacks. Throws {@link UsageError}. */
export function parseCommand(argv: readonly string[], env: Record<string, string | undefined>): Command {
  const { values, positionals } = readArguments(argv);
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  if (positionals.length === 0 || (positionals.length === 1 && positionals[0] === "help")) return { kind: "help" };
  const [noun, verb, ...extra] = positionals;
  if (noun !== "task" || verb !== "show") throw new UsageError('unknown command; the command is "task show"');
  if (extra.length) {
    throw new UsageError('unexpected argument after "task show" (arguments are not echoed; did a value lose its --flag?)');
  }

  const sources: Record<string, string> = {};
  // A flag wins over its environment variable; remember which one was used.
  const setting = (field: string, flag: OptionName | undefined, envName: string | undefined): string | undefined => {
    const fromFlag = flag === undefined ? undefined : (values[flag] as string | undefined);
    if (fromFlag !== undefined) {
      sources[field] = `--${flag}`;
      return fromFlag;
    }
    const fromEnv = envName === undefined ? undefined : env[envName];
    if (fromEnv !== undefined && envName !== undefined) sources[field] = envName;
    return fromEnv;
  };

  const instanceId = setting("instanceId", "instance-id", undefined);
  if (instanceId === undefined) throw new UsageError("--instance-id is required", { seeHelp: false });
  const taskId = setting("taskId", "task-id", undefined);
  if (taskId === undefined) throw new UsageError("--task-id is required", { seeHelp: false });
  const projectId = setting("projectId", "project-id", "ROMA_PROJECT_ID");
  if (projectId === undefined) throw new UsageError("--project-id is required (or ROMA_PROJECT_ID)", { seeHelp: false });

  if (values.endpoint !== undefined && values.region !== undefined) {
    throw new UsageError("give --endpoint or --region, not both");
  }
  // A flag of either kind overrides both variables.
  const endpoint = values.region === undefined ? setting("endpoint", "endpoint", "ROMA_ENDPOINT") : undefined;
  const region = endpoint === undefined ? setting("region", "region", "ROMA_REGION") : undefined;
  if (endpoint === undefined && region === undefined) {
    throw new UsageError(ENDPOINT_REQUIRED, { seeHelp: false });
  }

  const timeoutMs = wholeNumber("--timeout-ms", values["timeout-ms"], 1, MAX_TIMEOUT_MS);
  const retries = wholeNumber("--retries", values.retries, 0, MAX_RETRIES);
  if (timeoutMs !== undefined) sources.timeoutMs = "--timeout-ms";
  if (retries !== undefined) sources.retries = "--retries";

  const auth = chooseCredentials(values, env, setting);
  const secrets = [values.token, values.sk, env.ROMA_TOKEN, env.HUAWEICLOUD_SDK_SK, env.HUAWEICLOUD_SDK_SECURITY_TOKEN].filter(
    (value): value is string => value !== undefined,
  );

  return {
    kind: "task-show",
    instanceId,
    taskId,
    projectId,
    endpoint,
    region,
    auth,
    secrets,
    json: values.json ?? false,
    timeoutMs,
    retries,
    sources,
  };
}

type Setting = (field: string, flag: OptionName | undefined, envName: string | undefined) => string | undefined;

/**
 * Picks the credentials. Flags come first: `--token`, or `--ak`/`--sk`
 * (giving both kinds is a usage error). Without such a flag, the Huawei
 * Cloud SDKs' HUAWEICLOUD_SDK_AK/SK win over ROMA_TOKEN. Within an AK/SK
 * pair each half may come from its flag or its variable (the access key is
 * not secret, the secret key is better kept in the environment), and
 * HUAWEICLOUD_SDK_SECURITY_TOKEN goes with whichever pair is used. A pair
 * that is half set is an error, never a silent fall-back to a token.
 */
function chooseCredentials(values: Values, env: Record<string, string | undefined>, setting: Setting): RomaAuth {
  const flagToken = values.token !== undefined;
  const flagKeys = values.ak !== undefined || values.sk !== undefined;
  if (flagToken && flagKeys) throw new UsageError("give --token or --ak/--sk, not both");
  if (!flagToken && (flagKeys || env.HUAWEICLOUD_SDK_AK !== undefined || env.HUAWEICLOUD_SDK_SK !== undefined)) {
    const accessKey = setting("auth.accessKey", "ak", "HUAWEICLOUD_SDK_AK");
    const secretKey = setting("auth.secretKey", "sk", "HUAWEICLOUD_SDK_SK");
    if (secretKey === undefined) {
      throw new UsageError("an access key needs a secret key: set HUAWEICLOUD_SDK_SK or pass --sk", { seeHelp: false });
    }
    if (accessKey === undefined) {
      throw new UsageError("a secret key needs an access key: set HUAWEICLOUD_SDK_AK or pass --ak", { seeHelp: false });
    }
    const securityToken = setting("auth.securityToken", undefined, "HUAWEICLOUD_SDK_SECURITY_TOKEN");
    return { accessKey, secretKey, ...(securityToken !== undefined ? { securityToken } : {}) };
  }
  const token = setting("auth.token", "token", "ROMA_TOKEN");
  if (token === undefined) {
    throw new UsageError(CREDENTIALS_REQUIRED, { seeHelp: false });
  }
  return { token };
}

/**
 * Splits argv into option values and positionals. node:util parseArgs runs
 * in its lenient mode so that its messages (which quote arguments, and can
 * span lines) never reach the user; the strict checks are made here, on its
 * tokens, with messages that name options but never show a value.
 */
function readArguments(argv: readonly string[]): { values: Values; positionals: string[] } {
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    if (!Object.hasOwn(OPTIONS, token.name)) throw new UsageError(`unknown option ${optionNameForMessage(token.rawName)}`);
    const option = OPTIONS[token.name as OptionName];
    if (option.type === "boolean") {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      values[token.name] = true;
      continue;
    }
    if (token.value === undefined) throw new UsageError(`${token.rawName} needs a value`);
    // As parseArgs' strict mode does: "--token --json" most likely lost the token.
    if (!token.inlineValue && token.value.startsWith("-")) {
      throw new UsageError(`${token.rawName} needs a value (to give one that starts with '-', write ${token.rawName}=VALUE)`);
    }
    values[token.name] = token.value;
  }
  return { values: values as Values, positionals };
}

// Option names are shown; anything that does not look like one may be a
// value that lost its flag (or a secret), so it is not.
function optionNameForMessage(rawName: string): string {
  return /^--?[a-z][a-z0-9-]{0,23}$/.test(rawName) ? rawName : "(not shown: it does not look like an option name)";
}

function wholeNumber(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max)) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`);
  return number;
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
                       Give a token or an AK/SK pair. Flags win over the
                       environment; give --token or --ak/--sk, not both.
                       In the environment, HUAWEICLOUD_SDK_AK/SK win over
                       ROMA_TOKEN: the Huawei Cloud SDKs' variables are the
                       recommended way. Prefer the environment for secrets:
                       arguments show up in process lists.
  --json               print the body as JSON, with task_detail parsed
  --timeout-ms N       time limit of one attempt, 1 to ${MAX_TIMEOUT_MS} (default 30000)
  --retries N          retries after a retryable failure, 0 to ${MAX_RETRIES} (default 2)
  -h, --help           show this help
  -v, --version        show the version

Output:
  A summary: name, type, status, created/modified times (ISO 8601, UTC),
  source -> target data source and table, and the column mapping as a table.
  A task_detail that does not match the spec is shown as far as possible,
  with one warning on stderr.
  Text from the server is shown with control characters escaped (\\u001b).
  Errors go to stderr as one line. Secrets (tokens, secret keys) and
  positional arguments are never printed; a usage error names the flag or
  variable, not its value. API and network errors show the request URL,
  which holds the endpoint and the IDs.

Exit codes:
  0  the task was shown
  1  unexpected failure (a bug: please report it), or output could not be written
  2  bad input: unknown command or flag, missing or invalid value
  3  the API answered with an error, or with a body that is not a task
  4  network failure or timeout
`;
