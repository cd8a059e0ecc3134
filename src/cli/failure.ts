/**
 * How the CLI describes a failure on stderr: one line, prefixed `roma-fdi: `,
 * naming flags and environment variables rather than library option names,
 * with server text made terminal-safe and no secret in it.
 */
import { RomaError, RomaInputError } from "../errors.js";
import { scrubText } from "../redact.js";
import { CREDENTIALS_REQUIRED, ENDPOINT_REQUIRED, UsageError } from "./args.js";
import { oneSafeLine } from "./terminal-text.js";

// How to name a library field when the command does not say where its value
// came from (for example, a value that was never given).
const FIELD_NAMES: Readonly<Record<string, string>> = {
  projectId: "--project-id (or ROMA_PROJECT_ID)",
  instanceId: "--instance-id",
  taskId: "--task-id",
  endpoint: "--endpoint (or ROMA_ENDPOINT)",
  region: "--region (or ROMA_REGION)",
  auth: "credentials",
  "auth.token": "--token (or ROMA_TOKEN)",
  "auth.accessKey": "--ak (or HUAWEICLOUD_SDK_AK)",
  "auth.secretKey": "--sk (or HUAWEICLOUD_SDK_SK)",
  "auth.securityToken": "HUAWEICLOUD_SDK_SECURITY_TOKEN",
  retries: "--retries",
  timeoutMs: "--timeout-ms",
};

// Only values this long are scrubbed from messages as a last line of defence:
// replacing a one-letter test token everywhere would garble every message.
// Real tokens and keys are far longer, and no message is built from them.
const MIN_SCRUBBED_LENGTH = 8;

/**
 * A 2xx answer the CLI cannot show, such as a JSON object without a `task`
 * (another API's answer, a gateway's page). Exit code 3, like the library's
 * RomaResponseError. Its message is the CLI's own text, never server text.
 */
export class UnusableAnswerError extends Error {
  override readonly name = "UnusableAnswerError";
}

/** What the CLI knows about the command that failed, when it got that far. */
export interface FailureContext {
  /** Where each client option came from (see `TaskShowCommand.sources`). */
  sources?: Readonly<Record<string, string>>;
  /** Values that must never be printed (tokens, keys). */
  secrets?: readonly (string | undefined)[];
}

/** The flag or environment variable a library field stands for. */
export function settingName(field: string, sources: Readonly<Record<string, string>> = {}): string {
  return sources[field] ?? FIELD_NAMES[field] ?? field;
}

/** Describes a failure as the one line the CLI writes to stderr, newline included. */
export function describeFailure(error: unknown, context: FailureContext = {}): string {
  const secrets = (context.secrets ?? []).filter((value): value is string => value !== undefined && value.length >= MIN_SCRUBBED_LENGTH);
  return `roma-fdi: ${oneSafeLine(scrubText(describe(error, context.sources), secrets))}\n`;
}

/**
 * Whether the CLI passes this library field from a flag or a variable. A
 * refusal of any other field (headers, fetch, call options…) is a bug in
 * the CLI: it is reported as one, with exit code 1.
 */
export function isCliSetting(field: string): boolean {
  return Object.hasOwn(FIELD_NAMES, field) || ENVIRONMENT_NAME.test(field);
}

// The library names some settings by an environment variable it reads
// itself (HUAWEICLOUD_SDK_REGION_ROMA_<REGION>): already a name a user knows.
const ENVIRONMENT_NAME = /^[A-Z][A-Z0-9_]*$/;

// Library rules that speak of its own options, in command-line words.
const REWORDED_RULES: readonly (readonly [RegExp, string])[] = [
  [/\(or pass endpoint\)/, "(or use --endpoint or ROMA_ENDPOINT instead)"],
  [/; use auth$/, "; give credentials with --token or --ak/--sk (or their variables)"],
  [/ \(on the client or the call\)$/, ""],
  [/^goes with accessKey and secretKey \(temporary credentials\), not with token$/, "goes with an AK/SK pair (temporary credentials), not with --token or ROMA_TOKEN"],
];

function describe(error: unknown, sources: Readonly<Record<string, string>> | undefined): string {
  if (error instanceof UsageError) return error.seeHelp ? `${error.message} (see roma-fdi --help)` : error.message;
  if (error instanceof UnusableAnswerError) return error.message;
  if (error instanceof RomaInputError) return describeInput(error, sources);
  if (error instanceof RomaError) return error.message;
  return `unexpected error: ${errorText(error)}`;
}

function describeInput({ field, rule }: RomaInputError, sources: Readonly<Record<string, string>> | undefined): string {
  if (!isCliSetting(field)) return `unexpected error (a bug: please report it): the client refused ${field} (${rule})`;
  // parseCommand makes sure these are given; the library's own words name its options.
  if (field === "endpoint" && rule.startsWith("or region ")) return ENDPOINT_REQUIRED;
  if (field === "auth") return rule.includes("not both") ? "give --token or --ak/--sk, not both" : CREDENTIALS_REQUIRED;
  const reworded = REWORDED_RULES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), withoutQuotedValue(rule));
  return `${settingName(field, sources)} ${reworded}`;
}

// The library quotes some rejected values ('got "mars-1"'); the CLI never
// shows what the user typed, so such a quotation is dropped.
function withoutQuotedValue(rule: string): string {
  return rule.replace(/,? got "(?:[^"\\]|\\.)*"/g, "");
}

function errorText(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return "(a value that cannot be shown)";
  }
}
