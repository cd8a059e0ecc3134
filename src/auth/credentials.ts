/** The two ways to authenticate, checked, and the openapi-fetch middleware that applies each. */
import type { Middleware } from "openapi-fetch";
import { RomaInputError } from "../errors.js";
import { checkSecret } from "../validate.js";
import { computeSignature } from "./lazy-signer.js";

/** Authenticates with an IAM token, sent as `X-Auth-Token`. */
export interface TokenAuth {
  /** The IAM token (the `X-Subject-Token` IAM returned). */
  token: string;
}

/** Authenticates by signing every request (SDK-HMAC-SHA256) with an access key pair. */
export interface AkSkAuth {
  /** Access key ID (AK); sent in the `Authorization` header. */
  accessKey: string;
  /** Secret access key (SK); only used to sign, never sent. */
  secretKey: string;
  /** Security token of temporary credentials, sent as `X-Security-Token`. */
  securityToken?: string;
}

/** How requests are authenticated: a token, or an AK/SK pair. */
export type RomaAuth = TokenAuth | AkSkAuth;

/**
 * Checked credentials: a fixed header (token) or a middleware that signs
 * each attempt (AK/SK), plus the values that must never show up in errors.
 */
export interface Credentials {
  headers: Record<string, string>;
  middleware: Middleware | undefined;
  secrets: readonly string[];
  /** Whether the project ID travels in a header (`X-Project-Id`), so must be header-safe. */
  projectIdHeader: boolean;
}

/** Checks `auth` and returns how to authenticate each attempt. Throws {@link RomaInputError}. */
export function credentialsFrom(auth: unknown): Credentials {
  if (typeof auth !== "object" || auth === null) {
    throw new RomaInputError("auth", "is required: { token } or { accessKey, secretKey }");
  }
  const given = auth as Partial<TokenAuth & AkSkAuth>;
  const hasToken = given.token !== undefined;
  const hasKeys = given.accessKey !== undefined || given.secretKey !== undefined;
  if (hasToken && hasKeys) throw new RomaInputError("auth", "must hold either token or accessKey/secretKey, not both");
  if (hasToken && given.securityToken !== undefined) {
    throw new RomaInputError("auth.securityToken", "goes with accessKey and secretKey (temporary credentials), not with token");
  }
  if (hasToken) {
    const token = checkSecret("auth.token", given.token);
    // A token never changes, so it is a fixed header rather than per-request work.
    return { headers: { "X-Auth-Token": token }, middleware: undefined, secrets: [token], projectIdHeader: false };
  }
  if (!hasKeys) throw new RomaInputError("auth", "is required: { token } or { accessKey, secretKey }");
  const accessKey = checkSecret("auth.accessKey", given.accessKey);
  const secretKey = checkSecret("auth.secretKey", given.secretKey);
  const securityToken = given.securityToken === undefined ? undefined : checkSecret("auth.securityToken", given.securityToken);
  return {
    headers: {},
    middleware: requestSigner({ accessKey, secretKey, securityToken }),
    secrets: securityToken === undefined ? [secretKey] : [secretKey, securityToken],
    projectIdHeader: true,
  };
}

/**
 * Signs each attempt afresh (new `X-Sdk-Date`, new signature). Signed:
 * `host`, `x-project-id`, `x-sdk-date` and, for temporary credentials,
 * `x-security-token`. Other headers travel unsigned, as the gateway allows.
 */
function requestSigner(keys: { accessKey: string; secretKey: string; securityToken: string | undefined }): Middleware {
  return {
    async onRequest({ request, params }) {
      const projectId = (params as { path?: { project_id?: string } }).path?.project_id;
      const signed: Record<string, string> = { Host: new URL(request.url).host };
      if (projectId !== undefined) signed["X-Project-Id"] = projectId;
      if (keys.securityToken !== undefined) signed["X-Security-Token"] = keys.securityToken;
      const parts = await computeSignature({
        method: request.method,
        url: request.url,
        headers: signed,
        accessKey: keys.accessKey,
        secretKey: keys.secretKey,
      });
      for (const [name, value] of Object.entries(signed)) if (name !== "Host") request.headers.set(name, value);
      request.headers.set("X-Sdk-Date", parts.sdkDate);
      request.headers.set("Authorization", parts.authorization);
      return request;
    },
  };
}
