/**
 * Reads the error code, message and request ID out of whatever body an
 * error answer carries: FDI and gateway JSON, other common JSON shapes,
 * RFC 9457 problem details, HTML pages, plain text or nothing at all.
 */

/** What could be read from an error body; each part may be missing. */
export interface ErrorBodyFacts {
  errorCode: string | undefined;
  errorMsg: string | undefined;
  requestId: string | undefined;
}

const NOTHING: ErrorBodyFacts = { errorCode: undefined, errorMsg: undefined, requestId: undefined };

/** Extracts code, message and request ID from an error body of any shape. */
export function readErrorBody(text: string, contentType: string | null): ErrorBodyFacts {
  const trimmed = text.trim();
  if (!trimmed) return NOTHING;
  const json = tryParseObject(trimmed);
  if (json) return fromJson(json);
  if (/html/i.test(contentType ?? "") || /^<(!doctype|html|head|body)\b/i.test(trimmed)) return fromHtml(trimmed);
  return { ...NOTHING, errorMsg: trimmed.split(/\r?\n/, 1)[0] };
}

function tryParseObject(text: string): Record<string, unknown> | undefined {
  if (text[0] !== "{") return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function fromJson(body: Record<string, unknown>): ErrorBodyFacts {
  const nested = isObject(body.error) ? body.error : undefined;
  const errorCode =
    text(body.error_code) ?? text(body.errorCode) ?? text(body.code) ?? text(nested?.code) ?? text(nested?.error_code);
  const errorMsg =
    text(body.error_msg) ??
    text(body.errorMsg) ??
    text(body.error_message) ??
    text(body.message) ??
    text(nested?.message) ??
    text(nested?.error_msg) ??
    problemMessage(body) ??
    text(body.error);
  const requestId =
    text(body.request_id) ?? text(body.requestId) ?? text(nested?.request_id) ?? text(nested?.requestId);
  return { errorCode, errorMsg, requestId };
}

/** RFC 9457 problem details: `detail` explains, `title` summarises. */
function problemMessage(body: Record<string, unknown>): string | undefined {
  const title = text(body.title);
  const detail = text(body.detail);
  if (title && detail) return `${title}: ${detail}`;
  return detail ?? title;
}

function fromHtml(html: string): ErrorBodyFacts {
  const heading = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const plain = heading
    ?.replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, entity: string) => HTML_ENTITIES[entity] ?? " ")
    .replace(/\s+/g, " ")
    .trim();
  return { ...NOTHING, errorMsg: plain || "HTML error page" };
}

const HTML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number") return String(value);
  return undefined;
}
