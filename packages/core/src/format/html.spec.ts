import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html.js';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in element content and quoted attributes', () => {
    expect(escapeHtml(`p p > z j & "a" <b> 'c'`)).toBe('p p &gt; z j &amp; &quot;a&quot; &lt;b&gt; &#39;c&#39;');
    expect(escapeHtml(3)).toBe('3');
  });
});
