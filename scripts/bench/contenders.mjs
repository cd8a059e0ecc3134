// The clients compared by the per-call and throughput benchmarks. Each
// contender is `{ id, label, call }` where `call()` performs one complete
// "query a task" GET and resolves to the parsed body; a contender that cannot
// run here (AK/SK before the signer exists) is `{ id, label, unavailable }`.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_ROOT } from "../lib/project.mjs";

/** IDs of the reference page's example request, used by every contender. */
export const IDS = {
  projectId: "c53626012ba84727b938ca8bf03108ef",
  instanceId: "fae7ff6c-8e07-4cf8-9e67-589cab2f017c",
  taskId: "15366328208d4d77b76532fe9f4006a6",
};

// Fake credentials. The token is as long as a typical IAM token header so that
// header handling costs what it does in real use.
const TOKEN = "MIIT" + "bEnChToKeN0123456789-_".repeat(80);
const ACCESS_KEY = "AccessKey";
const SECRET_KEY = "SecretKey";

const SHOW_TASK_PATH = "/v2/{project_id}/fdi/instances/{instance_id}/tasks/{task_id}";

/** The compiled package the benchmarks load (users run dist/, not src/). */
export const DIST_ENTRY = pathToFileURL(join(PROJECT_ROOT, "dist/src/index.js")).href;

/** Contender ids in table order; "floor" is the reference all ratios divide by. */
export const CONTENDER_IDS = ["floor", "floor-timeout", "openapi-fetch", "roma-token", "roma-aksk", "huawei-core"];

/** Which auth header each contender must send, checked against the server's stats. */
export const EXPECTED_AUTH = {
  floor: "token",
  "floor-timeout": "token",
  "openapi-fetch": "token",
  "roma-token": "token",
  "roma-aksk": "signed",
  "huawei-core": "signed",
};

/** Human-readable names, in table order. */
export const LABELS = {
  floor: "raw fetch + json() (floor)",
  "floor-timeout": "raw fetch + json() + timeout signal",
  "openapi-fetch": "openapi-fetch alone",
  "roma-token": "roma-fdi getTask, token",
  "roma-aksk": "roma-fdi getTask, AK/SK",
  "huawei-core": "Huawei core HcClient, AK/SK",
};

/**
 * Builds the contenders named in `ids` against the server at `baseUrl`.
 * @param {string} baseUrl
 * @param {readonly string[]} [ids]
 */
export async function makeContenders(baseUrl, ids = CONTENDER_IDS) {
  const out = [];
  for (const id of ids) {
    const label = LABELS[id];
    if (!label) throw new Error(`unknown contender ${id}`);
    try {
      out.push({ id, label, call: await BUILDERS[id](baseUrl) });
    } catch (error) {
      if (!(error instanceof Unavailable)) throw error;
      out.push({ id, label, unavailable: error.message });
    }
  }
  return out;
}

class Unavailable extends Error {}

const BUILDERS = {
  async floor(baseUrl) {
    const url = `${baseUrl}/v2/${IDS.projectId}/fdi/instances/${IDS.instanceId}/tasks/${IDS.taskId}`;
    const init = { headers: { "X-Auth-Token": TOKEN } };
    return async () => {
      const response = await fetch(url, init);
      return response.json();
    };
  },

  // Reference, not a product: the floor plus the per-attempt timeout every
  // real client needs (an AbortController and a timer), to show what that
  // costs on its own with Node's fetch.
  async "floor-timeout"(baseUrl) {
    const url = `${baseUrl}/v2/${IDS.projectId}/fdi/instances/${IDS.instanceId}/tasks/${IDS.taskId}`;
    const headers = { "X-Auth-Token": TOKEN };
    return async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      try {
        const response = await fetch(url, { headers, signal: controller.signal });
        return await response.json();
      } finally {
        clearTimeout(timer);
      }
    };
  },

  async "openapi-fetch"(baseUrl) {
    const { default: createClient } = await import("openapi-fetch");
    const client = createClient({ baseUrl });
    const path = { project_id: IDS.projectId, instance_id: IDS.instanceId, task_id: IDS.taskId };
    return async () => {
      const { data } = await client.GET(SHOW_TASK_PATH, { params: { path }, headers: { "X-Auth-Token": TOKEN } });
      return data;
    };
  },

  async "roma-token"(baseUrl) {
    const { createRomaClient } = await import(DIST_ENTRY);
    const roma = createRomaClient({ endpoint: baseUrl, projectId: IDS.projectId, auth: { token: TOKEN } });
    const params = { instanceId: IDS.instanceId, taskId: IDS.taskId };
    return () => roma.getTask(params);
  },

  async "roma-aksk"(baseUrl) {
    const { createRomaClient } = await import(DIST_ENTRY);
    let roma;
    try {
      roma = createRomaClient({
        endpoint: baseUrl,
        projectId: IDS.projectId,
        auth: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
      });
    } catch (error) {
      // Until the signer lands, createRomaClient refuses auth without a token.
      process.stderr.write(`AK/SK contender skipped: createRomaClient refused auth { accessKey, secretKey } (${error?.kind ?? "error"})\n`);
      throw new Unavailable("signing not available");
    }
    const params = { instanceId: IDS.instanceId, taskId: IDS.taskId };
    return () => roma.getTask(params);
  },

  async "huawei-core"(baseUrl) {
    const require = createRequire(join(PROJECT_ROOT, "package.json"));
    const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");
    const { ClientBuilder } = require("@huaweicloud/huaweicloud-sdk-core/ClientBuilder");
    const credentials = new BasicCredentials().withAk(ACCESS_KEY).withSk(SECRET_KEY).withProjectId(IDS.projectId);
    const hc = new ClientBuilder((client) => client).withEndpoint(baseUrl).withCredential(credentials).build();
    // The Huawei service SDKs build a fresh options object per call (the core mutates it).
    return () =>
      hc.sendRequest({
        method: "GET",
        url: SHOW_TASK_PATH,
        contentType: "application/json",
        queryParams: {},
        pathParams: { instance_id: IDS.instanceId, task_id: IDS.taskId },
        headers: {},
      });
  },
};

/**
 * Calls each available contender once and checks the answer and what the
 * server saw: the example body back, the expected auth header, one request.
 * Throws with the contender's name when something is off.
 */
export async function checkContenders(baseUrl, contenders) {
  for (const contender of contenders) {
    if (contender.unavailable) continue;
    await fetch(`${baseUrl}/__bench/reset`).then((r) => r.arrayBuffer());
    const body = await contender.call();
    const stats = await fetch(`${baseUrl}/__bench/stats`).then((r) => r.json());
    if (body?.task?.task_name !== "fdi_task_pzy4m5") throw new Error(`${contender.label}: unexpected body`);
    if (stats.requests !== 1) throw new Error(`${contender.label}: the server saw ${stats.requests} requests for one call`);
    const expected = EXPECTED_AUTH[contender.id];
    if (stats[expected] !== 1) {
      if (contender.id === "roma-aksk") {
        process.stderr.write("AK/SK contender skipped: the client sent no SDK-HMAC-SHA256 signature\n");
        contender.unavailable = "signing not available";
        delete contender.call;
        continue;
      }
      throw new Error(`${contender.label}: expected a ${expected} request, the server saw ${JSON.stringify(stats)}`);
    }
  }
}
