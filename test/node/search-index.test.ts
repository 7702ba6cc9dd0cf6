import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gramTokens, queryTokens } from '../../api/search-index.js';

/** The index's tokens by definition: each gram's UTF-8 bytes as hex. */
function expectedTokens(text: string): Set<string> {
  const cps = Array.from(text);
  const out = new Set<string>();
  for (const length of [3, 5]) for (let i = 0; i + length <= cps.length; i++) out.add(Buffer.from(cps.slice(i, i + length).join(''), 'utf8').toString('hex'));
  return out;
}

describe('search index grams', () => {
  it('are the 3- and 5-grams of the text by code point, as UTF-8 hex, for one- to four-byte characters', () => {
    for (const text of ['mrn-13526234', 'müller^zoë', 'ab\u00e9\u4e2d\u{1F600}x\u0800\u07ff\uffff\u{10000}z', 'a\u0000b\u007f\u0080c', 'ab']) {
      const got = gramTokens(text);
      assert.equal(new Set(got).size, got.length, `${text}: no token twice`);
      assert.deepEqual(new Set(got), expectedTokens(text), text);
    }
  });

  it('name where each gram first starts and how long it is', () => {
    const grams = queryTokens('abcabcab');
    const at = (s: string) => grams.find((g) => g.gram === Buffer.from(s).toString('hex'));
    assert.deepEqual(at('abc'), { gram: '616263', at: 0, length: 3 });
    assert.deepEqual(at('cab'), { gram: '636162', at: 2, length: 3 });
    assert.deepEqual(at('bcabc'), { gram: '6263616263', at: 1, length: 5 });
    assert.equal(grams.length, 3 + 3);
  });
});
