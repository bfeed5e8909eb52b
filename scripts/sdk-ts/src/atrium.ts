// Atrium's TypeScript client: the types openapi-typescript generates from openapi.yaml
// (src/generated/atrium.d.ts, made by `npm run generate`) and openapi-fetch, which checks every
// path, parameter, body and answer against them at compile time.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "./generated/atrium.js";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];
export type ProblemCode = Schemas["ProblemCode"];

/** One user's client: it sends that user's access token once there is one. */
export class Session {
  token: string | undefined;
  readonly api: Client<paths>;

  constructor(baseUrl: string) {
    this.api = createClient<paths>({ baseUrl });
    const bearer: Middleware = {
      onRequest: ({ request }) => {
        if (this.token !== undefined) {
          request.headers.set("Authorization", `Bearer ${this.token}`);
        }
        return request;
      },
    };
    this.api.use(bearer);
  }
}

/** The data of a successful answer, or an error that says what came back instead. */
export function ok<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined || result.error !== undefined) {
    throw new Error(`${what}: ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

/** The problem of a failed answer, checked to be problem+json with the expected status. */
export function problem(
  result: { data?: unknown; error?: Problem | undefined; response: Response },
  status: number,
  what: string,
): Problem {
  const type = result.response.headers.get("content-type") ?? "";
  if (result.error === undefined || result.response.status !== status || !type.startsWith("application/problem+json")) {
    throw new Error(`${what}: expected a ${status} problem, got ${result.response.status} ${type} ${JSON.stringify(result.data ?? result.error)}`);
  }
  return result.error;
}
