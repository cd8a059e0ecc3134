/**
 * SDK-HMAC-SHA256 request signing for Huawei Cloud APIs (used by ROMA Connect).
 *
 * Runs unchanged in browsers, Node.js (>= 20), Deno, Bun and workers: it only
 * touches `globalThis.crypto.subtle`, `TextEncoder`, `URL` and `URLSearchParams`.
 *
 * Which request headers end up signed (see {@link computeSignature}):
 *
 * - `x-sdk-date`, always, with the value derived from `SigningInput.date`.
 *   An `X-Sdk-Date` entry in `SigningInput.headers` is ignored (replaced), so a
 *   header set left over from an earlier attempt can be signed again safely.
 * - every other header the caller passes, name lower-cased, except:
 *   - `authorization` (it carries the result, so it can never be an input);
 *   - names containing `_` (gateways in front of Huawei Cloud commonly drop
 *     such headers, so the official Go and Python SDKs never sign them);
 *   - `content-type` when its value is `multipart/form-data...` (the boundary
 *     is usually chosen by the HTTP stack after signing; the Node.js SDK skips
 *     it for that reason).
 * - `host` only when the caller passes a `Host` header. It is not derived from
 *   the URL: browsers do not let scripts set `Host`, and the official Go SDK
 *   behaves the same way. Pass `Host` explicitly to reproduce the Node.js SDK,
 *   which always signs it.
 *
 * The payload hash is the SHA-256 of the body bytes, unless the caller passes
 * an `X-Sdk-Content-Sha256` header (for example `UNSIGNED-PAYLOAD`): then that
 * header's value is used as the payload hash, as the official SDKs do.
 *
 * @module
 */

/** What a request must provide to be signed. */
export interface SigningInput {
  /**
   * HTTP method. The six methods that `fetch` normalises (DELETE, GET, HEAD,
   * OPTIONS, POST, PUT) are upper-cased the same way; any other method is
   * signed exactly as given, because that is what goes on the wire.
   */
  method: string;
  /**
   * Request URL. An absolute URL, or (handy when debugging) a string starting
   * with `/` holding only path and query. Only the path and the query take
   * part in the signature; the query is read with `URLSearchParams` rules, so
   * `+` means a space.
   */
  url: string | URL;
  /**
   * Headers that will be sent with the request. Which of them are signed is
   * described in the module documentation. Values are trimmed of leading and
   * trailing HTTP whitespace (as `fetch` does). In a plain record, names that
   * differ only in case are merged into one header, values joined with `, `,
   * which is what `new Headers(record)` would send.
   */
  headers?: Record<string, string> | Headers;
  /** Exact body bytes that will be sent. Strings are encoded as UTF-8. Absent, `null` and empty bodies hash the same. */
  body?: string | Uint8Array | ArrayBuffer | null;
  /** Access key (AK). Appears in the `Authorization` header. */
  accessKey: string;
  /** Secret key (SK). Never copied into any result or error. */
  secretKey: string;
  /** Signing time, sent as `X-Sdk-Date`. Defaults to the current time. */
  date?: Date;
}

/**
 * Everything computed while signing one request. Meant both for sending the
 * request (set `X-Sdk-Date: sdkDate` and `Authorization: authorization`) and for
 * comparing with the canonical request a gateway reports on a signature error.
 */
export interface SignedRequestParts {
  /** Value to send as the `X-Sdk-Date` header, `YYYYMMDDTHHMMSSZ`. */
  sdkDate: string;
  /** The canonical request whose SHA-256 is signed (lines joined by `\n`). */
  canonicalRequest: string;
  /** `SDK-HMAC-SHA256\n<sdkDate>\n<hex SHA-256 of canonicalRequest>`. */
  stringToSign: string;
  /** Lower-case names of the signed headers, sorted, joined by `;`. */
  signedHeaders: string;
  /** Lower-case hex HMAC-SHA256 of `stringToSign`, keyed with the secret key. */
  signature: string;
  /** Full value for the `Authorization` header. */
  authorization: string;
}

const ALGORITHM = 'SDK-HMAC-SHA256';
const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SLASH = 0x2f;
const PERCENT = 0x25;

const encoder = /* @__PURE__ */ new TextEncoder();

/** Two lower-case hex digits for each byte value, for digests. */
const HEX_LOWER: readonly string[] = /* @__PURE__ */ Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** 1 for the bytes that stay literal in URIs and queries: A-Z a-z 0-9 - . _ ~ */
const UNRESERVED: Uint8Array = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const digit = c >= 0x30 && c <= 0x39;
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (digit || letter || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e) table[c] = 1;
  }
  return table;
})();

/** How each byte value is written in a canonical URI: itself or `%XX`. */
const BYTE_OUT: readonly string[] = /* @__PURE__ */ Array.from({ length: 256 }, (_, b) =>
  b < 128 && UNRESERVED[b] === 1 ? String.fromCharCode(b) : '%' + b.toString(16).toUpperCase().padStart(2, '0'),
);

/** Characters `encodeURIComponent` leaves alone but the signature escapes. */
const EXTRA_ESCAPES = /[!'()*]/g;
const escapeExtra = (ch: string): string => BYTE_OUT[ch.charCodeAt(0)] ?? ch;

/** Methods `fetch` upper-cases before sending (Fetch standard, "normalize a method"). */
const FETCH_NORMALISED_METHODS: ReadonlySet<string> = /* @__PURE__ */ new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

const MULTIPART_FORM = /multipart\/form-data/i;
/** HTTP whitespace, as `fetch` strips it from header values. */
const HTTP_WS_EDGES = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/** Throws a TypeError naming the field only; the value never goes into the message. */
function fail(message: string): never {
  throw new TypeError(message);
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/**
 * Formats a date the way the `X-Sdk-Date` header wants it: UTC,
 * `YYYYMMDDTHHMMSSZ` (for example `20060102T150405Z`). Milliseconds are dropped.
 *
 * @throws TypeError if `date` is not a valid Date or its UTC year is outside 0..9999.
 */
export function formatSdkDate(date: Date): string {
  if (!(date instanceof Date)) fail('date must be a Date');
  const year = date.getUTCFullYear();
  if (Number.isNaN(year)) fail('date must be a valid Date');
  if (year < 0 || year > 9999) fail('date must have a UTC year between 0 and 9999');
  return (
    String(year).padStart(4, '0') +
    pad2(date.getUTCMonth() + 1) +
    pad2(date.getUTCDate()) +
    'T' +
    pad2(date.getUTCHours()) +
    pad2(date.getUTCMinutes()) +
    pad2(date.getUTCSeconds()) +
    'Z'
  );
}

/** Percent-encodes a well-formed string (UTF-8, upper-case hex), leaving only A-Z a-z 0-9 - . _ ~ as is. */
function encodeComponent(value: string): string {
  // encodeURIComponent already escapes everything except A-Z a-z 0-9 - _ . ! ~ * ' ( ).
  const encoded = encodeURIComponent(value);
  EXTRA_ESCAPES.lastIndex = 0;
  return EXTRA_ESCAPES.test(encoded) ? encoded.replace(EXTRA_ESCAPES, escapeExtra) : encoded;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds the canonical query string: parameters sorted by name, the values of
 * a repeated name sorted too (both by UTF-16 code units, i.e. JavaScript's
 * default string order), each written `name=value` with both parts encoded as
 * in {@link canonicalUri}, joined by `&`. A parameter without `=` counts as
 * having an empty value.
 *
 * @param search The query: a `URLSearchParams`, or a string parsed with
 *   `URLSearchParams` rules (a leading `?` is ignored, `+` is a space).
 */
export function canonicalQuery(search: URLSearchParams | string): string {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const pairs: [string, string][] = [];
  params.forEach((value, name) => {
    pairs.push([name, value]);
  });
  if (pairs.length === 0) return '';
  if (pairs.length > 1) {
    pairs.sort((x, y) => compareCodeUnits(x[0], y[0]) || compareCodeUnits(x[1], y[1]));
  }
  let out = '';
  let lastName: string | undefined;
  let lastEncodedName = '';
  for (const [name, value] of pairs) {
    if (name !== lastName) {
      lastName = name;
      lastEncodedName = encodeComponent(name);
    }
    out += (out.length === 0 ? '' : '&') + lastEncodedName + '=' + encodeComponent(value);
  }
  return out;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * Builds the canonical URI from a URL path. Each segment is percent-decoded
 * and encoded again, byte by byte over its UTF-8 form: only A-Z a-z 0-9 - . _ ~
 * stay literal, every other byte becomes `%XX` with upper-case hex. So `%7E`
 * becomes `~`, `%2f` becomes `%2F`, and a raw `é` becomes `%C3%A9`. Literal `/`
 * separators are kept (an encoded `%2F` stays encoded), a `%` not followed by
 * two hex digits is taken literally (`%25`), and a lone surrogate counts as
 * U+FFFD. A `/` is appended unless the result already ends with one.
 */
export function canonicalUri(pathname: string): string {
  const n = pathname.length;
  let i = 0;
  // Fast path: already canonical apart from, perhaps, the final slash.
  while (i < n) {
    const c = pathname.charCodeAt(i);
    if (c !== SLASH && (c >= 128 || UNRESERVED[c] !== 1)) break;
    i++;
  }
  if (i === n) return n > 0 && pathname.charCodeAt(n - 1) === SLASH ? pathname : pathname + '/';

  let out = pathname.slice(0, i);
  let endsWithSlash = false;
  while (i < n) {
    const c = pathname.charCodeAt(i);
    if (c === SLASH) {
      out += '/';
      endsWithSlash = true;
      i++;
      continue;
    }
    endsWithSlash = false;
    if (c === PERCENT && i + 2 < n) {
      const hi = hexValue(pathname.charCodeAt(i + 1));
      const lo = hexValue(pathname.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        out += BYTE_OUT[(hi << 4) | lo];
        i += 3;
        continue;
      }
    }
    if (c < 0x80) {
      out += BYTE_OUT[c];
      i++;
      continue;
    }
    let cp = c;
    i++;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i < n ? pathname.charCodeAt(i) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        cp = 0xfffd;
      }
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      cp = 0xfffd;
    }
    if (cp < 0x800) {
      out += BYTE_OUT[0xc0 | (cp >> 6)]! + BYTE_OUT[0x80 | (cp & 0x3f)]!;
    } else if (cp < 0x10000) {
      out += BYTE_OUT[0xe0 | (cp >> 12)]! + BYTE_OUT[0x80 | ((cp >> 6) & 0x3f)]! + BYTE_OUT[0x80 | (cp & 0x3f)]!;
    } else {
      out +=
        BYTE_OUT[0xf0 | (cp >> 18)]! +
        BYTE_OUT[0x80 | ((cp >> 12) & 0x3f)]! +
        BYTE_OUT[0x80 | ((cp >> 6) & 0x3f)]! +
        BYTE_OUT[0x80 | (cp & 0x3f)]!;
    }
  }
  return endsWithSlash ? out : out + '/';
}

function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX_LOWER[bytes[i]!];
  return out;
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) {
    // Web Crypto exists only in secure contexts in browsers.
    throw new TypeError('globalThis.crypto.subtle is not available (a secure context is required)');
  }
  return s;
}

async function sha256Hex(data: BufferSource): Promise<string> {
  return toHex(await subtle().digest('SHA-256', data));
}

/**
 * One cached HMAC key: the last secret used. Signing usually repeats one
 * credential, and a fresh importKey roughly doubles the cost of the HMAC step
 * (bench/hmac-key-bench.mjs: about 20 us per call on Node 20).
 * A single slot keeps at most one secret reachable from this module, held by
 * reference only (the same string the caller already holds); the key itself
 * is non-extractable.
 */
let cachedSecret: string | undefined;
let cachedKey: Promise<CryptoKey> | undefined;

function hmacKey(secretKey: string): Promise<CryptoKey> {
  if (cachedKey !== undefined && cachedSecret === secretKey) return cachedKey;
  const pending = subtle().importKey('raw', encoder.encode(secretKey), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  cachedSecret = secretKey;
  cachedKey = pending;
  pending.catch(() => {
    if (cachedKey === pending) {
      cachedKey = undefined;
      cachedSecret = undefined;
    }
  });
  return pending;
}

/** Header entries after filtering: [lower-case name, trimmed value]. */
type HeaderEntry = [string, string];

function isHttpWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function trimHeaderValue(value: string): string {
  const n = value.length;
  if (n === 0) return value;
  return isHttpWhitespace(value.charCodeAt(0)) || isHttpWhitespace(value.charCodeAt(n - 1))
    ? value.replace(HTTP_WS_EDGES, '')
    : value;
}

/** Whether a caller-supplied header takes part in the signature as a caller header. */
function isSignable(lowerName: string, value: string): boolean {
  if (lowerName === 'authorization' || lowerName === 'x-sdk-date') return false;
  if (lowerName.includes('_')) return false;
  if (lowerName === 'content-type' && MULTIPART_FORM.test(value)) return false;
  return true;
}

function collectHeaders(headers: Record<string, string> | Headers | undefined, sdkDate: string): HeaderEntry[] {
  const entries: HeaderEntry[] = [];
  if (headers !== undefined && headers !== null) {
    if (typeof Headers !== 'undefined' && headers instanceof Headers) {
      // Names are already lower-case, unique and sorted; values already trimmed.
      headers.forEach((value, name) => {
        if (isSignable(name, value)) entries.push([name, value]);
      });
    } else {
      const record = headers as Record<string, string>;
      for (const name in record) {
        if (!Object.prototype.hasOwnProperty.call(record, name)) continue;
        const raw = record[name];
        if (raw === undefined) continue;
        const value = trimHeaderValue(typeof raw === 'string' ? raw : String(raw));
        const lower = name.toLowerCase();
        if (isSignable(lower, value)) entries.push([lower, value]);
      }
    }
  }
  entries.push(['x-sdk-date', sdkDate]);
  // Stable sort: merged duplicates keep their insertion order.
  entries.sort((a, b) => compareCodeUnits(a[0], b[0]));
  // Merge names that differed only in case (Headers semantics).
  let w = 0;
  for (let r = 0; r < entries.length; r++) {
    const entry = entries[r]!;
    const prev = w > 0 ? entries[w - 1] : undefined;
    if (prev !== undefined && prev[0] === entry[0]) {
      prev[1] = prev[1] + ', ' + entry[1];
    } else {
      entries[w++] = entry;
    }
  }
  entries.length = w;
  return entries;
}

function parseUrl(url: string | URL): URL {
  if (url instanceof URL) return url;
  if (typeof url !== 'string') fail('url must be a string or a URL');
  try {
    return url.charCodeAt(0) === SLASH && url.charCodeAt(1) !== SLASH ? new URL(url, 'http://path.invalid') : new URL(url);
  } catch {
    return fail('url must be an absolute URL or a path starting with "/"');
  }
}

function normaliseMethod(method: string): string {
  if (typeof method !== 'string' || method.length === 0) fail('method must be a non-empty string');
  const upper = method.toUpperCase();
  return FETCH_NORMALISED_METHODS.has(upper) ? upper : method;
}

const toStringTag = (value: unknown): string => Object.prototype.toString.call(value);

function bodyBytes(body: string | Uint8Array | ArrayBuffer): BufferSource {
  if (typeof body === 'string') return encoder.encode(body);
  if (ArrayBuffer.isView(body)) {
    // Web Crypto rejects views over a SharedArrayBuffer; copy those.
    if (toStringTag(body.buffer) !== '[object SharedArrayBuffer]') return body as Uint8Array<ArrayBuffer>;
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice();
  }
  // The tag test also accepts an ArrayBuffer from another realm (iframe, worker, jsdom).
  if (toStringTag(body) === '[object ArrayBuffer]') return body;
  return fail('body must be a string, Uint8Array, ArrayBuffer or null');
}

function isEmptyBody(body: SigningInput['body']): boolean {
  if (body === undefined || body === null) return true;
  if (typeof body === 'string') return body.length === 0;
  return (body as { byteLength?: unknown }).byteLength === 0;
}

/**
 * Signs one request with SDK-HMAC-SHA256 and returns every intermediate
 * value, so that a signature error (gateway code `APIGW.0301`, HTTP 401) can be debugged
 * by comparing canonical requests.
 *
 * Steps: the canonical request is
 * `METHOD\nURI\nQUERY\nHEADERS\nSIGNED_HEADERS\nPAYLOAD_HASH`, where HEADERS has
 * one `name:value\n` line per signed header (so a blank line precedes
 * SIGNED_HEADERS). Its SHA-256 goes into the string to sign, which is
 * HMAC-SHA256'd with the secret key. The signed headers are described in the
 * module documentation: `x-sdk-date` always, `host` only when passed, and all
 * other passed headers except `authorization`, names with `_`, and a
 * multipart `content-type`.
 *
 * @throws TypeError when `method`, `url`, `accessKey`, `secretKey`, `date` or
 *   `body` is unusable, or when `accessKey` equals `secretKey` (that would put
 *   the secret into the Authorization header). Messages name the field, never
 *   its value.
 */
export async function computeSignature(input: SigningInput): Promise<SignedRequestParts> {
  if (input === null || typeof input !== 'object') fail('input must be an object');
  const { accessKey, secretKey } = input;
  if (typeof accessKey !== 'string' || accessKey.length === 0) fail('accessKey must be a non-empty string');
  if (typeof secretKey !== 'string' || secretKey.length === 0) fail('secretKey must be a non-empty string');
  if (accessKey === secretKey) fail('accessKey and secretKey must differ');

  const method = normaliseMethod(input.method);
  const url = parseUrl(input.url);
  const sdkDate = formatSdkDate(input.date ?? new Date());
  const headers = collectHeaders(input.headers, sdkDate);

  let payloadHash: string | Promise<string> | undefined;
  for (const [name, value] of headers) {
    if (name === 'x-sdk-content-sha256') {
      payloadHash = value;
      break;
    }
  }
  const body = input.body;
  if (payloadHash === undefined) {
    payloadHash = isEmptyBody(body) ? EMPTY_BODY_SHA256 : sha256Hex(bodyBytes(body!));
  }
  // Start importing the key while the body is hashed.
  const key = hmacKey(secretKey);

  let canonicalHeaders = '';
  let signedHeaders = '';
  for (const [name, value] of headers) {
    canonicalHeaders += name + ':' + value + '\n';
    signedHeaders += (signedHeaders.length === 0 ? '' : ';') + name;
  }

  const canonicalRequest =
    method +
    '\n' +
    canonicalUri(url.pathname) +
    '\n' +
    (url.search.length === 0 ? '' : canonicalQuery(url.searchParams)) +
    '\n' +
    canonicalHeaders +
    '\n' +
    signedHeaders +
    '\n' +
    (await payloadHash);

  const stringToSign = ALGORITHM + '\n' + sdkDate + '\n' + (await sha256Hex(encoder.encode(canonicalRequest)));
  const signature = toHex(await subtle().sign('HMAC', await key, encoder.encode(stringToSign)));

  return {
    sdkDate,
    canonicalRequest,
    stringToSign,
    signedHeaders,
    signature,
    authorization: `${ALGORITHM} Access=${accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
