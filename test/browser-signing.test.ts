// AK/SK signing in a real browser: the browser bundle of roma-fdi, loaded in
// headless Chromium from one 127.0.0.1 port, signs getTask with Web Crypto and
// sends it cross-origin to a local server that verifies the signature.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeBrowser } from "./helpers/browser.js";
import { startBundledSite, type BundledSite } from "./helpers/bundled-site.js";
import { IDS, pageExample } from "./helpers/examples.js";
import { startVerifyingServer, type VerifyingServer } from "./helpers/verifying-server.js";

const KEYS = { accessKey: "AKBROWSER0001", secretKey: "browser-Secret/Key+0123456789" };

/** The page: reads endpoint and keys from its query string, shows the task name or the error. */
const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>signing</title>
<output id="result">loading</output>
<script type="module">
  import { createRomaClient, RomaError } from "/roma-fdi.js";
  const query = new URLSearchParams(location.search);
  const out = document.getElementById("result");
  try {
    const client = createRomaClient({
      endpoint: query.get("endpoint"),
      projectId: ${JSON.stringify(IDS.projectId)},
      auth: { accessKey: query.get("ak"), secretKey: query.get("sk") },
      retries: 0,
    });
    const body = await client.getTask({ instanceId: ${JSON.stringify(IDS.instanceId)}, taskId: query.get("task") });
    out.textContent = "task:" + body.task.task_name;
  } catch (error) {
    out.textContent = error instanceof RomaError ? "error:" + error.name + ":" + error.status + ":" + error.errorCode : "crash:" + error;
  }
  document.body.dataset.done = "yes";
</script>`;

describeBrowser("AK/SK signing in Chromium", () => {
  let verifier: VerifyingServer;
  let site: BundledSite;

  beforeAll(async () => {
    [verifier, site] = await Promise.all([startVerifyingServer(KEYS, pageExample()), startBundledSite({ "/": PAGE })]);
  });
  afterAll(async () => {
    await site?.stop();
    await verifier?.close();
  });

  async function show(taskId: string, secretKey: string): Promise<string> {
    const query = new URLSearchParams({ endpoint: verifier.url, ak: KEYS.accessKey, sk: secretKey, task: taskId });
    const tracked = await site.browser.openPage(`${site.url}/?${query}`);
    try {
      await tracked.page.waitForFunction(() => document.body.dataset.done === "yes", undefined, { timeout: 15_000 });
      expect(tracked.pageErrors).toEqual([]);
      return await tracked.page.locator("#result").innerText();
    } finally {
      await tracked.close();
    }
  }

  it("signs a getTask that the verifying server accepts, and the page shows the task name", async () => {
    expect(await show("browser-task-1", KEYS.secretKey)).toBe("task:fdi_task_pzy4m5");
    const seen = verifier.seen.at(-1);
    expect(seen?.verified).toBe(true);
    expect(seen?.path).toBe(`/v2/${IDS.projectId}/fdi/instances/${IDS.instanceId}/tasks/browser-task-1`);
    expect(seen?.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=AKBROWSER0001, SignedHeaders=host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/);
  });

  it("signs ids with non-ASCII characters as the server sees them", async () => {
    expect(await show("任务 ä/1", KEYS.secretKey)).toBe("task:fdi_task_pzy4m5");
    expect(verifier.seen.at(-1)?.verified).toBe(true);
  });

  it("a wrong secret key is refused with 401, shown on the page as RomaApiError", async () => {
    expect(await show("browser-task-2", "not-the-secret-key")).toBe("error:RomaApiError:401:APIGW.0301");
    expect(verifier.seen.at(-1)?.verified).toBe(false);
  });
});
