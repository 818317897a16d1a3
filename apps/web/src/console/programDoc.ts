// The program's text as a document the form edits in place: a value changed at its path and the text written
// back, YAML keeping its comments, layout and every part the form does not know; JSON stays JSON. The field
// checks repeat the program schema's own patterns so a mistake shows at the field as it is typed.
import { type Document, isMap, isSeq, parseDocument } from "yaml";

export type Path = readonly (string | number)[];

export interface ParsedProgram {
  doc: Document;
  json: boolean;
}

/** The text as a document, or null when it does not parse (the text tab shows where). */
export function parseProgram(text: string): ParsedProgram | null {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) return null;
  return { doc, json: text.trimStart().startsWith("{") };
}

export function valueAt(p: ParsedProgram, path: Path): unknown {
  const v = p.doc.getIn(path as unknown[]);
  return isMap(v) || isSeq(v) ? v.toJSON() : v;
}

function written(p: ParsedProgram): string {
  return p.json ? `${JSON.stringify(p.doc.toJS(), null, 2)}\n` : p.doc.toString();
}

/** The text with the value at `path` set (undefined removes it); the rest of the document untouched. */
export function withValue(text: string, path: Path, value: unknown): string {
  const p = parseProgram(text);
  if (!p || path.length === 0) return text;
  if (value === undefined) p.doc.deleteIn(path as unknown[]);
  else p.doc.setIn(path as unknown[], value);
  return written(p);
}

/** The text with `item` appended to the list at `path` (made when missing). */
export function withItem(text: string, path: Path, item: unknown): string {
  const p = parseProgram(text);
  if (!p) return text;
  if (p.doc.getIn(path as unknown[]) === undefined) p.doc.setIn(path as unknown[], [item]);
  else p.doc.addIn(path as unknown[], item);
  return written(p);
}

/** What a field holds and how its text goes into the document. */
export type FieldKind = "percent" | "money" | "int" | "positiveInt" | "id" | "text";

const PERCENT = /^\d{1,4}(\.\d{1,4})?%$/;
const MONEY = /^\d+(\.\d{1,3})?$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const INTEGER = /^(0|[1-9]\d{0,14})$/;

/** The message key of what is wrong with the typed text, or null when it fits. */
export function checkField(kind: FieldKind, text: string, required: boolean): FieldError | null {
  if (text === "") return required ? "required" : null;
  switch (kind) {
    case "percent":
      return PERCENT.test(text) ? null : "percent";
    case "money":
      return MONEY.test(text) ? null : "money";
    case "int":
      return INTEGER.test(text) ? null : "int";
    case "positiveInt":
      return INTEGER.test(text) && text !== "0" ? null : "positiveInt";
    case "id":
      return ID.test(text) ? null : "id";
    case "text":
      return null;
  }
}

export type FieldError = "required" | "percent" | "money" | "int" | "positiveInt" | "id";

/** The typed text as the document should hold it: whole numbers as numbers, the rest as written. */
export function fieldValue(kind: FieldKind, text: string): unknown {
  if (text === "") return undefined;
  if ((kind === "money" || kind === "int" || kind === "positiveInt") && INTEGER.test(text))
    return Number(text);
  return text;
}

/** A value of the document as the field shows it. */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The path as the server's issues name it: tiers.levels[1].earnRate. */
export function pathText(path: Path): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
  return out || "(root)";
}
