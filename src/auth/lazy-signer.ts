/**
 * The signer, loaded on first use: apps that authenticate with a token (most
 * browser apps) never download it, because bundlers put a dynamically
 * imported module into a chunk of its own.
 */
import type { SignedRequestParts, SigningInput } from "./sign.js";

let signerModule: Promise<typeof import("./sign.js")> | undefined;

/** Loads the signing module once. */
export function loadSigner(): Promise<typeof import("./sign.js")> {
  return (signerModule ??= import("./sign.js"));
}

/**
 * Signs one request with SDK-HMAC-SHA256 and returns every intermediate
 * step — canonical request, string to sign, signed headers, signature and the
 * `Authorization` value — for tracking down a signature the gateway rejects
 * (`APIGW.0301`). The secret key appears in none of them.
 */
export async function computeSignature(input: SigningInput): Promise<SignedRequestParts> {
  return (await loadSigner()).computeSignature(input);
}
