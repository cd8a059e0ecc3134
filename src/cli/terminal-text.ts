/**
 * Makes text safe to write to a terminal. Server text (task names, statuses,
 * error messages) could otherwise carry escape sequences that clear the
 * screen, recolour output, move the cursor, or reorder what is shown.
 */

// C0 controls (ESC, CR, LF, BEL…), DEL, C1 controls (U+0080–U+009F, which
// some terminals read as 8-bit CSI and friends), the bidirectional marks,
// embeddings, overrides and isolates, and the Unicode line/paragraph separators.
const TERMINAL_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

// The same set without C0: JSON.stringify already escapes C0 inside strings,
// and the line breaks and spaces between a JSON document's values are ours.
const JSON_UNESCAPED_CONTROL = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** Shows every control character of `text` as a `\uXXXX` escape, so that one line stays one visible line. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_CONTROL, escape);
}

/**
 * Escapes, as `\uXXXX`, the control characters JSON.stringify leaves raw (DEL,
 * C1, bidi controls). Outside strings JSON text is ASCII, so the result is
 * still JSON and parses to the same value.
 */
export function jsonTerminalSafe(json: string): string {
  return json.replace(JSON_UNESCAPED_CONTROL, escape);
}

/** Folds line breaks and other white space runs to one space, then escapes what is left: for one-line messages. */
export function oneSafeLine(text: string): string {
  return terminalSafe(text.replace(/\s+/g, " ").trim());
}
