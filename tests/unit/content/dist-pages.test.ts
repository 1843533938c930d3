/** scripts/dist-pages.mjs: hrefs as the build writes them decode to the URL a browser follows. */
import { expect, test } from 'vitest';
import { decodeEntities } from '../../../scripts/dist-pages.mjs';

test('numeric references decode: a calculator link with several ft. parameters keeps its query', () => {
  expect(decodeEntities('/calculators/finetune-memory/?ft.model=qwen2.5-7b&#x26;ft.objective=grpo&#38;ft.gens=8')).toBe(
    '/calculators/finetune-memory/?ft.model=qwen2.5-7b&ft.objective=grpo&ft.gens=8',
  );
  expect(decodeEntities('a &amp; b &lt;c&gt; &#x27;d&#39;')).toBe("a & b <c> 'd'");
});
