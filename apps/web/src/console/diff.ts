// A line diff of two texts (longest common subsequence), for showing a draft against the published version.

export interface DiffLine {
  op: "same" | "add" | "del";
  text: string;
  /** The line's number in the new text (same, add) or the old one (del). */
  line: number;
}

/** Beyond this many lines on each side the table would be too big; such texts are compared line by line. */
const MAX_LINES = 3000;

export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  if (a.length > MAX_LINES || b.length > MAX_LINES) return naive(a, b);
  const n = a.length;
  const m = b.length;
  // lcs[i * (m + 1) + j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j] ?? 0, lcs[i * (m + 1) + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: "same", text: b[j] ?? "", line: j + 1 });
      i++;
      j++;
    } else if ((lcs[(i + 1) * (m + 1) + j] ?? 0) >= (lcs[i * (m + 1) + j + 1] ?? 0)) {
      out.push({ op: "del", text: a[i] ?? "", line: i + 1 });
      i++;
    } else {
      out.push({ op: "add", text: b[j] ?? "", line: j + 1 });
      j++;
    }
  }
  for (; i < n; i++) out.push({ op: "del", text: a[i] ?? "", line: i + 1 });
  for (; j < m; j++) out.push({ op: "add", text: b[j] ?? "", line: j + 1 });
  return out;
}

function naive(a: string[], b: string[]): DiffLine[] {
  const out: DiffLine[] = [];
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    if (a[k] === b[k]) out.push({ op: "same", text: b[k] ?? "", line: k + 1 });
    else {
      if (k < a.length) out.push({ op: "del", text: a[k] ?? "", line: k + 1 });
      if (k < b.length) out.push({ op: "add", text: b[k] ?? "", line: k + 1 });
    }
  }
  return out;
}

/** The changed lines with `context` unchanged lines around them; null marks a gap. */
export function hunks(lines: DiffLine[], context = 2): (DiffLine | null)[] {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((l, k) => {
    if (l.op === "same") return;
    for (let c = Math.max(0, k - context); c <= Math.min(lines.length - 1, k + context); c++) keep[c] = true;
  });
  const out: (DiffLine | null)[] = [];
  let gap = false;
  lines.forEach((l, k) => {
    if (keep[k]) {
      if (gap && out.length > 0) out.push(null);
      gap = false;
      out.push(l);
    } else gap = true;
  });
  return out;
}
