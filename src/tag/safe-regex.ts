// Editors' topic patterns run on every entry, so a pattern that can backtrack catastrophically is refused at
// load time. The check is conservative (star height 1): no quantified group may contain a quantifier or an
// alternation, and no backreferences or lookbehind. Returns the reason, or undefined when the pattern is safe.
export const MAX_PATTERN_LENGTH = 200;

export function unsafeRegexReason(src: string): string | undefined {
  if (src.length > MAX_PATTERN_LENGTH) return `pattern longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(src, 'u');
  } catch (err) {
    return `invalid pattern: ${(err as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(src)) return 'backreferences are not allowed';
  if (/\(\?<[=!]/.test(src)) return 'lookbehind is not allowed';
  // Walk the pattern: for every group, note whether its body repeats or branches.
  const stack: { risky: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src.charAt(i);
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') stack.push({ risky: false });
    else if (ch === '|' || ch === '*' || ch === '+' || ch === '{' || (ch === '?' && src[i - 1] !== '(')) {
      const open = stack.at(-1);
      if (open && ch !== '?') open.risky = true;
    } else if (ch === ')') {
      const g = stack.pop();
      const q = src[i + 1];
      const quantified = q === '*' || q === '+' || q === '{';
      if (g?.risky && quantified)
        return 'nested quantifier: a repeated group must not itself repeat or branch (catastrophic backtracking)';
      const outer = stack.at(-1);
      if (g?.risky && outer) outer.risky = true;
    }
  }
  return undefined;
}
