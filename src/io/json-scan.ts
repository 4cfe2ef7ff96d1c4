// What JSON.parse cannot tell about a safetensors header, found in one linear pass over its text
// (after JSON.parse has accepted it, so the scan may be lax): a tensor name or an entry field given
// twice (JSON.parse keeps the last silently), and a shape or offset written as a non-integer
// number ("1.0", "1e2", "-0" parse to integers but the reference reader, which reads usize, refuses
// them).

/** The first problem found, or null. */
export function scanHeaderText(text: string): string | null {
  // Per open container: whether it is an object, the key of the value being read, its keys so far.
  const stack: { object: boolean; key: string | null; keys: Set<string> | null }[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c === 0x22) { // a string
      let j = i + 1;
      while (text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top?.object) {
        const raw = text.slice(i + 1, j);
        const key = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
        const metadata = stack.length === 2 && stack[0].key === "__metadata__";
        if (top.keys && !metadata) {
          if (top.keys.has(key)) {
            return stack.length === 1 ? `tensor name ${JSON.stringify(key)} appears twice` : `tensor ${JSON.stringify(stack[0].key)} gives ${JSON.stringify(key)} twice`;
          }
          top.keys.add(key);
        }
        top.key = key;
        expectKey = false;
      }
      i = j + 1;
    } else if (c === 0x7b || c === 0x5b) { // { [
      stack.push({ object: c === 0x7b, key: null, keys: c === 0x7b && stack.length < 2 ? new Set() : null });
      expectKey = c === 0x7b;
      i++;
    } else if (c === 0x7d || c === 0x5d) { // } ]
      stack.pop();
      i++;
    } else if (c === 0x2c) { // ,
      expectKey = stack[stack.length - 1]?.object === true;
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) { // a number
      let j = i;
      let plain = true; // digits only
      for (let d = text.charCodeAt(j); j < text.length && ((d >= 0x30 && d <= 0x39) || d === 0x2d || d === 0x2b || d === 0x2e || d === 0x65 || d === 0x45); d = text.charCodeAt(++j)) {
        if (d < 0x30 || d > 0x39) plain = false;
      }
      if (!plain && stack.length === 3 && stack[0].key !== "__metadata__" && !stack[2].object) {
        const field = stack[1].key;
        if (field === "shape" || field === "data_offsets") {
          return `tensor ${JSON.stringify(stack[0].key)} has ${field} entry ${text.slice(i, j)}; expected a non-negative integer written without a fraction or exponent`;
        }
      }
      i = j;
    } else {
      i++;
    }
  }
  return null;
}

/**
 * The deepest nesting of arrays and objects serde_json (the reference reader's parser) accepts:
 * its recursion limit refuses a 128th level (measured on safetensors 0.8: 127 levels, counting
 * the header object, pass; 128 do not). Checked before JSON.parse, which would spend seconds on
 * millions of levels in a field nobody reads.
 */
export const MAX_NESTING = 127;

/** Whether `text` nests arrays and objects more than MAX_NESTING deep (strings skipped). */
export function nestsTooDeep(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_NESTING) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}
