import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultMessages } from '@seedance-kit/react';
import { describe, expect, it } from 'vitest';

/**
 * docs/react.md cannot drift from the code: every ```tsx block is one of the snippet files that
 * `npm run typecheck` compiles, and every message key and CSS variable is documented.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const doc = readFileSync(`${root}docs/react.md`, 'utf8');
const snippetDir = `${root}test/docs/react-snippets`;
const snippets = readdirSync(snippetDir)
  .filter((name) => name.endsWith('.tsx'))
  .map((name) => ({ name, text: readFileSync(`${snippetDir}/${name}`, 'utf8').trim() }));

/** The fenced blocks of a language, as written between the fences. */
function blocks(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((match) => (match[1] ?? '').trim());
}

describe('docs/react.md', () => {
  const tsx = blocks(doc, 'tsx');

  it('has tsx snippets', () => {
    expect(tsx.length).toBeGreaterThanOrEqual(10);
  });

  it.each(tsx.map((block, index) => ({ index, block, first: block.split('\n').find((line) => line && !line.startsWith('//') && !line.startsWith("'use client'")) })))(
    'tsx block $index ($first) is one of test/docs/react-snippets',
    ({ block }) => {
      expect(snippets.some((snippet) => snippet.text.includes(block)), 'copy the block from its snippet file (or update the file and the doc together)').toBe(true);
    },
  );

  it('shows every snippet file', () => {
    expect(snippets.filter((snippet) => !tsx.includes(snippet.text)).map((snippet) => snippet.name)).toEqual([]);
  });

  it('lists every message key', () => {
    expect(Object.keys(defaultMessages).filter((key) => !doc.includes(`| \`${key}\` |`))).toEqual([]);
  });

  it('lists every CSS variable of the stylesheet with a light and a dark value', () => {
    const css = readFileSync(`${root}packages/react/src/styles/seedance.css`, 'utf8');
    const declared = new Set([...css.matchAll(/^\s*(--seedance-[a-z0-9-]+):/gm)].map((match) => match[1] as string));
    expect(declared.size).toBeGreaterThan(15);
    expect([...declared].filter((name) => !new RegExp(`^\\| \`${name}\` \\| [^|]+ \\| [^|]+ \\|$`, 'm').test(doc))).toEqual([]);
  });
});
