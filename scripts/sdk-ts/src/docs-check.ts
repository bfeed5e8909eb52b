// /docs in a real browser: Debian's Chromium, headless, driven by playwright-core.
//   ATRIUM_URL                      the running server, e.g. http://127.0.0.1:7070
//   ADMIN_EMAIL, ADMIN_PASSWORD     the development login (the platform admin web seeds)
//   SCREENSHOT                      where the picture of the whole page goes (x.png; the login
//                                   operation after "Try it out" goes to x-login.png)
//   CHROMIUM                        the browser (default /usr/bin/chromium)
// Checks: GET / lands on /docs; the spec renders with every tag and every operation under each of
// its tags; no console error (CSP violations included) and no uncaught page error; no request
// leaves the server's origin; "Try it out" answers 200 on GET /health and on
// POST /api/v1/auth/login with the development login.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import { parse } from "yaml";

const baseUrl = required("ATRIUM_URL");
const adminEmail = required("ADMIN_EMAIL");
const adminPassword = required("ADMIN_PASSWORD");
const screenshot = required("SCREENSHOT");
const SPEC = new URL("../../../openapi.yaml", import.meta.url);
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} is not set`);
  return value;
}

interface Operation {
  operationId: string;
  tags: string[];
}

async function specOperations(): Promise<{ tags: string[]; operations: Operation[] }> {
  const spec = parse(await readFile(SPEC, "utf8")) as {
    tags: Array<{ name: string }>;
    paths: Record<string, Record<string, { operationId?: string; tags?: string[] }>>;
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      assert.ok(operation.operationId, `${method} ${path} has an operationId`);
      operations.push({ operationId: operation.operationId, tags: operation.tags ?? [] });
    }
  }
  return { tags: spec.tags.map((tag) => tag.name), operations };
}

/** Expands an operation, runs it in "Try it out" mode and answers the status it shows. */
async function tryItOut(page: Page, id: string, body?: string): Promise<{ status: string; response: string }> {
  const operation = page.locator(`#${id}`);
  await operation.locator(".opblock-summary").first().click();
  const tryButton = operation.locator("button.try-out__btn");
  if ((await tryButton.textContent())?.trim() === "Try it out") await tryButton.click();
  if (body !== undefined) await operation.locator("textarea.body-param__text").fill(body);
  await operation.locator("button.execute").click();
  const live = operation.locator(".live-responses-table .response").first();
  const status = live.locator(".response-col_status");
  await status.waitFor({ timeout: 30_000 });
  // The body is highlighted after the status shows: wait until it is there.
  const shown = live.locator(".response-col_description pre").first();
  await shown.waitFor({ timeout: 30_000 });
  await page.waitForFunction((element) => (element?.textContent ?? "").trim() !== "", await shown.elementHandle());
  return { status: ((await status.textContent()) ?? "").trim(), response: (await shown.textContent()) ?? "" };
}

const { tags, operations } = await specOperations();
const origin = new URL(baseUrl).origin;
const userDataDir = await mkdtemp(join(tmpdir(), "atrium-chromium-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: FLAGS,
  viewport: { width: 1280, height: 900 },
});
const consoleErrors: string[] = [];
const offHost: string[] = [];
const results: Array<[string, boolean, string]> = [];
try {
  // Every request the page makes is seen here; one that leaves the server's origin is recorded
  // and never sent.
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) {
      await route.continue();
    } else {
      offHost.push(url);
      await route.abort("blockedbyclient");
    }
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`page error: ${error.message}`));

  const check = async (name: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
      results.push([name, true, ""]);
    } catch (error) {
      results.push([name, false, error instanceof Error ? error.message : String(error)]);
    }
  };

  await check("GET / lands on /docs", async () => {
    await page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
    assert.equal(new URL(page.url()).pathname, "/docs");
  });
  await check("the spec renders with every tag and every operation", async () => {
    await page.locator(".swagger-ui .info .title").waitFor({ timeout: 30_000 });
    assert.match((await page.locator(".swagger-ui .info .title").textContent()) ?? "", /Atrium API/);
    const rendered = await page.locator("h3.opblock-tag").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-tag")));
    assert.deepEqual([...rendered].sort(), [...tags].sort());
    const missing: string[] = [];
    for (const operation of operations) {
      for (const tag of operation.tags) {
        const id = `operations-${tag}-${operation.operationId}`;
        if ((await page.locator(`#${id}`).count()) !== 1) missing.push(id);
      }
    }
    assert.deepEqual(missing, [], "operations not rendered");
  });
  await check('"Try it out": GET /health answers 200', async () => {
    const { status, response } = await tryItOut(page, "operations-system-health");
    assert.equal(status, "200", response);
  });
  await check('"Try it out": POST /api/v1/auth/login with the development login answers 200', async () => {
    const { status, response } = await tryItOut(
      page,
      "operations-auth-login",
      JSON.stringify({ email: adminEmail, password: adminPassword }),
    );
    assert.equal(status, "200", response);
    assert.match(response, /access_token/);
  });
  await page.screenshot({ path: screenshot, fullPage: true });
  await page
    .locator("#operations-auth-login")
    .screenshot({ path: screenshot.replace(/\.png$/, "-login.png") })
    .catch((error: unknown) => consoleErrors.push(`screenshot of the login operation: ${String(error)}`));
  await check("no console errors", async () => assert.deepEqual(consoleErrors, []));
  await check("no request leaves the host", async () => assert.deepEqual(offHost, []));
} finally {
  await context.close();
  await rm(userDataDir, { recursive: true, force: true });
}

let failed = 0;
for (const [name, passed, why] of results) {
  if (!passed) failed++;
  console.log(`${passed ? "ok" : "not ok"} - docs: ${name}${passed ? "" : `\n  ${why}`}`);
}
console.log(`screenshots: ${screenshot}, ${screenshot.replace(/\.png$/, "-login.png")}`);
console.log(`docs: ${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
