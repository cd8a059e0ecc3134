/** Turns the `endpoint` / `region` options into the base URL requests go to. */
import { REGIONS, SERVER_URL_TEMPLATE, type Region } from "../generated/client.js";
import { RomaInputError } from "./errors.js";

/** Options that choose where requests go; `endpoint` wins over `region`. */
export interface EndpointOptions {
  /** Full base URL, such as `https://roma.cn-north-4.myhuaweicloud.com` or a mock's `http://127.0.0.1:4010`. */
  endpoint?: string | URL;
  /** A Huawei Cloud region; see {@link REGIONS}. */
  region?: Region | (string & {});
}

/**
 * Resolves the base URL (without a trailing slash). For a region, the
 * Huawei SDKs' environment override `HUAWEICLOUD_SDK_REGION_ROMA_<REGION>`
 * (comma-separated endpoints, the first is used) is honoured where the
 * runtime has `process.env`.
 */
export function resolveBaseUrl(options: EndpointOptions, env: Record<string, string | undefined> = processEnv()): string {
  if (options.endpoint !== undefined) return checkEndpoint("endpoint", String(options.endpoint));
  const region = options.region;
  if (region === undefined) {
    throw new RomaInputError("endpoint", `or region is required (regions: ${REGIONS.join(", ")})`);
  }
  const overrideName = `HUAWEICLOUD_SDK_REGION_ROMA_${String(region).toUpperCase().replace(/-/g, "_")}`;
  const override = env[overrideName]?.split(",").map((part) => part.trim()).find(Boolean);
  if (override) return checkEndpoint(overrideName, override);
  if (!(REGIONS as readonly string[]).includes(region)) {
    throw new RomaInputError("region", `must be one of ${REGIONS.join(", ")} (or pass endpoint), got ${JSON.stringify(region)}`);
  }
  return SERVER_URL_TEMPLATE.replace("{region}", region);
}

function checkEndpoint(field: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RomaInputError(field, "must be an absolute http(s) URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RomaInputError(field, "must be an absolute http(s) URL");
  if (url.username || url.password) throw new RomaInputError(field, "must not carry credentials (user:password@); use auth");
  if (url.search || url.hash) throw new RomaInputError(field, "must not have a query or fragment");
  return url.href.replace(/\/+$/, "");
}

function processEnv(): Record<string, string | undefined> {
  const candidate = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return candidate?.env ?? {};
}
