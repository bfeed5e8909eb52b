// The user journey through the TypeScript client against a running server (scripts/test-e2e
// starts one): the same steps as the Java SDK's SdkJourneyIT, as the Next.js frontend makes them.
//   ATRIUM_URL        the server, e.g. http://127.0.0.1:7070
//   ATRIUM_MAIL_DIR   where the worker writes mail (<var>/mail without SMTP_URL)
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { linkTo } from "./mail.js";
import { ok, problem, Session } from "./atrium.js";

const baseUrl = required("ATRIUM_URL");
const outbox = required("ATRIUM_MAIL_DIR");
const PASSWORD = "violet harbor kettle 49 quantum";

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} is not set`);
  return value;
}

function unique(name: string): string {
  return `${name}-${randomUUID().slice(0, 8)}@example.com`;
}

const steps: Array<[string, () => Promise<void>]> = [];
function step(name: string, run: () => Promise<void>): void {
  steps.push([name, run]);
}

step("sign up, verify, build an organization, invite, accept, change a role, read the audit log", async () => {
  const alice = new Session(baseUrl);
  const aliceEmail = unique("alice");
  const registered = ok(
    await alice.api.POST("/api/v1/auth/register", {
      body: { email: aliceEmail, password: PASSWORD, display_name: "Alice" },
    }),
    "register",
  );
  assert.equal(registered.user.email_verified, false);
  assert.equal(registered.token_type, "Bearer");

  const verifyToken = await linkTo(outbox, aliceEmail, /\/verify-email\?token=([A-Za-z0-9_-]+)/);
  const verified = ok(await alice.api.POST("/api/v1/auth/verify-email", { body: { token: verifyToken } }), "verify-email");
  assert.equal(verified.user.email_verified, true);

  const login = ok(await alice.api.POST("/api/v1/auth/login", { body: { email: aliceEmail, password: PASSWORD } }), "login");
  const refreshed = ok(
    await alice.api.POST("/api/v1/auth/refresh", { body: { refresh_token: login.refresh_token } }),
    "refresh",
  );
  assert.notEqual(refreshed.refresh_token, login.refresh_token);
  assert.equal(refreshed.session_id, login.session_id);
  alice.token = refreshed.access_token;
  const me = ok(await alice.api.GET("/api/v1/user/me"), "me");
  assert.equal(me.email, aliceEmail);
  assert.equal(me.current_organization, null);

  const organization = ok(await alice.api.POST("/api/v1/organizations", { body: { name: "Acme GPU" } }), "create organization");
  assert.equal(organization.role, "owner");
  const switched = ok(
    await alice.api.PUT("/api/v1/organizations/current", { body: { organization_id: organization.id } }),
    "switch workspace",
  );
  assert.equal(switched.current_organization?.id, organization.id);
  alice.token = switched.access_token;

  const bobEmail = unique("bob");
  const invitation = ok(
    await alice.api.POST("/api/v1/organizations/current/invitations", { body: { email: bobEmail, role: "manager" } }),
    "invite",
  );
  assert.equal(invitation.status, "pending");
  const invitationToken = await linkTo(outbox, bobEmail, /\/invitations\/([A-Za-z0-9_-]+)/);

  const bob = new Session(baseUrl);
  const preview = ok(
    await bob.api.GET("/api/v1/invitations/{token}", { params: { path: { token: invitationToken } } }),
    "preview invitation",
  );
  assert.equal(preview.organization.name, "Acme GPU");
  const accepted = await bob.api.POST("/api/v1/invitations/{token}/accept", {
    params: { path: { token: invitationToken } },
    body: { password: PASSWORD, display_name: "Bob" },
  });
  assert.equal(accepted.response.status, 201);
  const acceptance = ok(accepted, "accept invitation");
  assert.equal(acceptance.role, "manager");
  assert.equal(acceptance.organization.id, organization.id);
  assert.ok(acceptance.access_token !== undefined && acceptance.user !== undefined);
  bob.token = acceptance.access_token;
  const bobId = acceptance.user.id;
  assert.equal(ok(await bob.api.GET("/api/v1/user/me"), "bob's me").current_organization?.role, "manager");

  const demoted = ok(
    await alice.api.PUT("/api/v1/organizations/current/members/{user_id}", {
      params: { path: { user_id: bobId } },
      body: { role: "user" },
    }),
    "change role",
  );
  assert.equal(demoted.role, "user");
  const members = ok(await alice.api.GET("/api/v1/organizations/current/members"), "members");
  assert.deepEqual(
    members.map((member) => [member.email, member.role]).sort(),
    [[aliceEmail, "owner"], [bobEmail, "user"]].sort(),
  );

  const audit = ok(
    await alice.api.GET("/api/v1/organizations/current/audit-logs", { params: { query: { page: 1, page_size: 50 } } }),
    "audit log",
  );
  const actions = audit.items.map((entry) => entry.action);
  assert.equal(actions[0], "member.role_changed");
  for (const action of ["organization.created", "invitation.created", "invitation.accepted"]) {
    assert.ok(actions.includes(action), `audit log has ${action}: ${actions.join(", ")}`);
  }
  assert.equal(audit.items[0]?.target_id, bobId);
  assert.ok(Object.keys(audit.items[0]?.details ?? {}).length > 0);
});

step("failures arrive as typed problems", async () => {
  const carol = new Session(baseUrl);
  const email = unique("carol");
  ok(await carol.api.POST("/api/v1/auth/register", { body: { email, password: PASSWORD } }), "register");

  const taken = problem(await carol.api.POST("/api/v1/auth/register", { body: { email, password: PASSWORD } }), 409, "register twice");
  assert.equal(taken.code, "email_taken");
  const weak = problem(
    await carol.api.POST("/api/v1/auth/register", { body: { email: unique("dave"), password: "short" } }),
    422,
    "weak password",
  );
  assert.equal(weak.code, "validation_failed");
  assert.ok(weak.errors?.some((error) => error.field === "password"));
  const wrong = problem(
    await carol.api.POST("/api/v1/auth/login", { body: { email, password: "not the password at all" } }),
    401,
    "wrong password",
  );
  assert.equal(wrong.code, "invalid_credentials");
  const anonymous = problem(await new Session(baseUrl).api.GET("/api/v1/user/me"), 401, "no token");
  assert.equal(anonymous.code, "unauthorized");

  carol.token = ok(await carol.api.POST("/api/v1/auth/login", { body: { email, password: PASSWORD } }), "login").access_token;
  const personal = problem(await carol.api.GET("/api/v1/organizations/current/members"), 400, "members from personal");
  assert.equal(personal.code, "organization_required");
});

let passed = 0;
let failed = 0;
for (const [name, run] of steps) {
  try {
    await run();
    passed++;
    console.log(`ok - journey: ${name}`);
  } catch (error) {
    failed++;
    console.log(`not ok - journey: ${name}\n  ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
console.log(`journey: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
