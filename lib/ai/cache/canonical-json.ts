// Canonical JSON for hashing: object keys sorted, `undefined` members dropped (as JSON.stringify
// drops them), non-finite numbers written as null. Two values that mean the same thing serialize
// to the same bytes whatever order their keys were built in, so the cache key is stable.
//
// The output is written through a sink in pieces instead of built as one string, because an
// Excel context can carry a million cells: the key builder feeds a SHA-256 hash as it goes.

export type CanonicalSink = (piece: string) => void;

/** Writes `value` as canonical JSON into `sink`. Throws TypeError on a cycle (a bug upstream). */
export function writeCanonicalJson(value: unknown, sink: CanonicalSink): void {
  write(value, sink, new Set());
}

function write(value: unknown, sink: CanonicalSink, ancestors: Set<object>): void {
  switch (typeof value) {
    case "string":
      sink(JSON.stringify(value));
      return;
    case "number":
      sink(Number.isFinite(value) ? JSON.stringify(value) : "null");
      return;
    case "boolean":
      sink(value ? "true" : "false");
      return;
    case "bigint":
      sink(JSON.stringify(value.toString()));
      return;
    case "undefined":
    case "function":
    case "symbol":
      // Only reached for array items and the top level; JSON.stringify writes null there too.
      sink("null");
      return;
  }
  if (value === null) {
    sink("null");
    return;
  }
  const object = value as object;
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") {
    write((toJSON as () => unknown).call(object), sink, ancestors);
    return;
  }
  if (ancestors.has(object)) throw new TypeError("canonical JSON: the value contains a cycle");
  ancestors.add(object);
  if (Array.isArray(object) && isFlat(object)) {
    // A row of cells: JSON.stringify already writes flat arrays canonically, and far faster.
    sink(JSON.stringify(object));
  } else if (Array.isArray(object)) {
    sink("[");
    for (let i = 0; i < object.length; i++) {
      if (i > 0) sink(",");
      write(object[i], sink, ancestors);
    }
    sink("]");
  } else {
    const record = object as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    sink("{");
    let first = true;
    for (const key of keys) {
      const member = record[key];
      if (member === undefined || typeof member === "function" || typeof member === "symbol") continue;
      if (!first) sink(",");
      first = false;
      sink(JSON.stringify(key));
      sink(":");
      write(member, sink, ancestors);
    }
    sink("}");
  }
  ancestors.delete(object);
}

/** True when no item is an object or a bigint, so JSON.stringify's output is canonical. */
function isFlat(array: readonly unknown[]): boolean {
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    if ((typeof item === "object" && item !== null) || typeof item === "bigint") return false;
  }
  return true;
}
