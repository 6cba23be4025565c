/**
 * Prompt length in characters, counted as Unicode code points: what Python's `len()` and Go's
 * rune count give, so the count matches a provider written in either. A lone emoji such as 😀
 * is 1 (JavaScript's `.length` says 2), 👍🏽 is 2 (base + skin-tone modifier), the family 👨‍👩‍👧 is
 * 5 (three people joined by two zero-width joiners), a precomposed é is 1 and e + U+0301
 * (combining acute) is 2. No normalization is applied: the text is sent as typed.
 */
export function countPromptCharacters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point; lone surrogates count alone.
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
