/**
 * JSON for Runware bodies without float rounding. `JSON.parse` turns 9223372036854775807 into
 * 9223372036854775808 and `JSON.stringify` cannot write a bigint, so seeds would silently change.
 * Here integers beyond Number.MAX_SAFE_INTEGER parse to `bigint`, and `bigint` serializes as a
 * bare JSON number. Everything else behaves like the built-ins.
 */

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

export class JsonParseError extends Error {
  override readonly name = 'JsonParseError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
  }
}

export interface ParseJsonOptions {
  /** Nesting deeper than this is refused, so hostile bodies cannot exhaust the stack. */
  readonly maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 64;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const INTEGER = /^-?(?:0|[1-9]\d*)$/;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Parses JSON text; integers outside the safe range become `bigint`. Throws `JsonParseError`. */
export function parseJson(text: string, options: ParseJsonOptions = {}): JsonValue {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  let pos = 0;

  const fail = (message: string): never => {
    throw new JsonParseError(message, pos);
  };
  const skipSpace = () => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      pos++;
    }
  };

  const parseString = (): string => {
    pos++; // opening quote
    let out = '';
    let start = pos;
    for (;;) {
      if (pos >= text.length) fail('Unterminated string');
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(start, pos);
        pos++;
        return out;
      }
      if (c < 0x20) fail('Control character in string');
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(start, pos);
      const esc = text[pos + 1] ?? '';
      if (esc === 'u') {
        const hex = text.slice(pos + 2, pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Bad unicode escape');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        pos += 6;
      } else {
        const mapped = ESCAPES[esc];
        if (mapped === undefined) fail('Bad escape');
        out += mapped;
        pos += 2;
      }
      start = pos;
    }
  };

  const parseNumber = (): number | bigint => {
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (!match) return fail('Unexpected character');
    const raw = match[0];
    pos += raw.length;
    const value = Number(raw);
    if (INTEGER.test(raw) && !Number.isSafeInteger(value)) return BigInt(raw);
    return value;
  };

  const parseValue = (depth: number): JsonValue => {
    skipSpace();
    const c = text[pos];
    switch (c) {
      case '{': {
        if (depth >= maxDepth) fail(`Nesting deeper than ${maxDepth}`);
        pos++;
        // A null-prototype object: keys like "__proto__" stay plain data.
        const obj: { [key: string]: JsonValue } = Object.create(null);
        skipSpace();
        if (text[pos] === '}') {
          pos++;
          return obj;
        }
        for (;;) {
          skipSpace();
          if (text[pos] !== '"') fail('Expected a property name');
          const key = parseString();
          skipSpace();
          if (text[pos] !== ':') fail("Expected ':'");
          pos++;
          obj[key] = parseValue(depth + 1);
          skipSpace();
          if (text[pos] === ',') {
            pos++;
            continue;
          }
          if (text[pos] === '}') {
            pos++;
            return obj;
          }
          fail("Expected ',' or '}'");
        }
      }
      case '[': {
        if (depth >= maxDepth) fail(`Nesting deeper than ${maxDepth}`);
        pos++;
        const arr: JsonValue[] = [];
        skipSpace();
        if (text[pos] === ']') {
          pos++;
          return arr;
        }
        for (;;) {
          arr.push(parseValue(depth + 1));
          skipSpace();
          if (text[pos] === ',') {
            pos++;
            continue;
          }
          if (text[pos] === ']') {
            pos++;
            return arr;
          }
          fail("Expected ',' or ']'");
        }
      }
      case '"':
        return parseString();
      case 't':
        return literal('true', true);
      case 'f':
        return literal('false', false);
      case 'n':
        return literal('null', null);
      case undefined:
        return fail('Unexpected end of input');
      default:
        return parseNumber();
    }
  };

  const literal = <T extends JsonValue>(word: string, value: T): T => {
    if (text.startsWith(word, pos)) {
      pos += word.length;
      return value;
    }
    return fail('Unexpected token');
  };

  const value = parseValue(0);
  skipSpace();
  if (pos !== text.length) fail('Unexpected data after JSON');
  return value;
}

/**
 * Serializes like `JSON.stringify` (undefined properties dropped, `toJSON` honoured) but writes
 * `bigint` as a bare integer, so int64 seeds reach Runware exactly.
 */
export function stringifyJson(value: unknown): string {
  const out = write(value, new Set());
  if (out === undefined) throw new TypeError('Value is not serializable as JSON');
  return out;
}

function write(value: unknown, seen: Set<object>): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  const obj = value as object;
  if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') {
    return write((obj as { toJSON: () => unknown }).toJSON(), seen);
  }
  if (seen.has(obj)) throw new TypeError('Cannot serialize a circular structure');
  seen.add(obj);
  let out: string;
  if (Array.isArray(obj)) {
    out = `[${obj.map((item) => write(item, seen) ?? 'null').join(',')}]`;
  } else {
    const parts: string[] = [];
    for (const [key, item] of Object.entries(obj)) {
      const written = write(item, seen);
      if (written !== undefined) parts.push(`${JSON.stringify(key)}:${written}`);
    }
    out = `{${parts.join(',')}}`;
  }
  seen.delete(obj);
  return out;
}
