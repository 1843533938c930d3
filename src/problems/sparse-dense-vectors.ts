/** Problems for the sparse/dense vectors page: storage, the break-even density, BM25 by hand, dense index size. */
import { breakEvenDensity, denseBytes, sparkCompressedChoice, sparkDenseBytes, sparkSparseBytes, sparseBytes } from '~/lib/sparse/sparse-storage';
import { bm25Idf, bm25Tf, DEFAULT_BM25 } from '~/lib/sparse/text-weights';
import { GiB, abs, choice, num, rel, say } from './helpers';
import { n, t } from './text';
import { problem, type PageProblems } from './types';

export const sparseDenseVectorsProblems: PageProblems = {
  page: 'sparse-dense-vectors',
  problems: [
    problem({
      id: 'vec-1',
      level: 'plug-in',
      inputs: { size: 30000, nnz: 120 },
      solve: ({ size, nnz }) => {
        const dense = sparkDenseBytes(size);
        const sparse = sparkSparseBytes(nnz);
        return {
          question: say(
            t`一个 ${size} 维的词袋向量有 ${nnz} 个非零元。按 Spark 的估算（8 字节值、4 字节下标），稀疏形式比稠密形式小多少字节？`,
            t`A ${size}-dimensional bag-of-words vector has ${nnz} non-zeros. By Spark's estimates (8-byte values, 4-byte indices), how many bytes smaller is the sparse form than the dense one?`,
          ),
          answer: num(dense - sparse, { zh: '字节', en: 'bytes' }, abs(0.5), 0),
          hint: say(
            t`$S_{\text{dense}} = 8n + 8$，$S_{\text{sparse}} = 12\,\text{nnz} + 20$。`,
            t`$S_{\text{dense}} = 8n + 8$, $S_{\text{sparse}} = 12\,\text{nnz} + 20$.`,
          ),
          steps: [
            say(
              t`稠密：$8 \cdot ${size} + 8 = ${dense}$；稀疏：$12 \cdot ${nnz} + 20 = ${sparse}$。`,
              t`Dense: $8 \cdot ${size} + 8 = ${dense}$; sparse: $12 \cdot ${nnz} + 20 = ${sparse}$.`,
            ),
            say(
              t`差 ${dense - sparse} 字节；Spark 的 \`compressed\` 会选${sparkCompressedChoice(size, nnz) === 'sparse' ? '稀疏' : '稠密'}形式。`,
              t`A difference of ${dense - sparse} bytes; Spark's \`compressed\` picks the ${sparkCompressedChoice(size, nnz)} form.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'vec-2',
      level: 'work-out',
      inputs: { indexBytes: 4, valueBytes: 2 },
      solve: ({ indexBytes, valueBytes }) => {
        const rho = breakEvenDensity(indexBytes, valueBytes);
        return {
          question: say(
            t`值用 ${valueBytes} 字节（例如 FP16），下标用 ${indexBytes} 字节。不计固定开销，密度低于多少时稀疏存储更省空间？用百分数回答。`,
            t`Values take ${valueBytes} bytes (FP16, say) and indices ${indexBytes}. Ignoring fixed overhead, below what density is sparse storage smaller? Answer in percent.`,
          ),
          answer: num(rho * 100, '%', rel(0.005), 1),
          hint: say(t`$\text{nnz}(b_i + b_v) < n\,b_v$。`, t`$\text{nnz}(b_i + b_v) < n\,b_v$.`),
          steps: [
            say(
              t`$\rho^* = b_v / (b_i + b_v) = ${valueBytes} / (${indexBytes} + ${valueBytes})$。`,
              t`$\rho^* = b_v / (b_i + b_v) = ${valueBytes} / (${indexBytes} + ${valueBytes})$.`,
            ),
            say(
              t`$= ${n(rho * 100, 1)}$ %：值越短，下标的开销越显著，稀疏要更稀才划算。`,
              t`$= ${n(rho * 100, 1)}$ %: the shorter the values, the more the indices weigh, and the sparser a vector must be to pay off.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'vec-3',
      level: 'work-out',
      inputs: { docs: 3, df: 2, tf: 2, docLength: 13, avgLength: 7 },
      solve: (inputs) => {
        const { k1, b } = DEFAULT_BM25;
        const idf = bm25Idf(inputs.docs, inputs.df);
        const tf = bm25Tf(inputs.tf, inputs.docLength, inputs.avgLength, k1, b);
        // Robertson's smoothing constant, shown in the formula.
        const half = n(1 / 2, 1);
        return {
          question: say(
            t`BM25（$k_1 = ${n(k1, 1)}$，$b = ${n(b, 2)}$，Lucene 的 IDF）：语料 ${inputs.docs} 篇，词 $t$ 出现在其中 ${inputs.df} 篇；文档 $d$ 长 ${inputs.docLength} 个词（平均 ${inputs.avgLength}），$t$ 在其中出现 ${inputs.tf} 次。$t$ 对 $d$ 的 BM25 权重是多少？`,
            t`BM25 ($k_1 = ${n(k1, 1)}$, $b = ${n(b, 2)}$, Lucene's IDF): a corpus of ${inputs.docs} documents, term $t$ in ${inputs.df} of them; document $d$ is ${inputs.docLength} words long (average ${inputs.avgLength}) and contains $t$ ${inputs.tf} times. What is $t$'s BM25 weight in $d$?`,
          ),
          answer: num(idf * tf, '', rel(0.01), 3),
          hint: say(
            t`$\mathrm{IDF} = \ln\bigl(1 + \frac{N - \mathrm{df} + ${half}}{\mathrm{df} + ${half}}\bigr)$；词频部分 $\frac{tf (k_1 + 1)}{tf + k_1 (1 - b + b\,|d|/\overline{|d|})}$。`,
            t`$\mathrm{IDF} = \ln\bigl(1 + \frac{N - \mathrm{df} + ${half}}{\mathrm{df} + ${half}}\bigr)$; the frequency part $\frac{tf (k_1 + 1)}{tf + k_1 (1 - b + b\,|d|/\overline{|d|})}$.`,
          ),
          steps: [
            say(t`IDF $= ${n(idf, 4)}$。`, t`IDF $= ${n(idf, 4)}$.`),
            say(
              t`词频部分 $= ${n(tf, 4)}$（文档比平均长，长度归一化把它压低）。`,
              t`Frequency part $= ${n(tf, 4)}$ (the document is longer than average, and length normalization pushes it down).`,
            ),
            say(t`权重 $= ${n(idf, 4)} \times ${n(tf, 4)} = ${n(idf * tf, 3)}$。`, t`Weight $= ${n(idf, 4)} \times ${n(tf, 4)} = ${n(idf * tf, 3)}$.`),
          ],
        };
      },
    }),
    problem({
      id: 'vec-4',
      level: 'work-out',
      inputs: { docs: 10000000, dim: 1024, valueBytes: 2 },
      solve: ({ docs, dim, valueBytes }) => {
        const bytes = docs * denseBytes(dim, valueBytes);
        return {
          question: say(
            t`用 ${dim} 维的稠密向量（每个数 ${valueBytes} 字节）索引 ${docs} 篇文档，不计索引结构本身，向量要占多少 GiB？`,
            t`Indexing ${docs} documents with ${dim}-dimensional dense vectors (${valueBytes} bytes a number), how many GiB do the vectors take, not counting the index structure?`,
          ),
          answer: num(bytes / GiB, 'GiB', rel(0.01), 1),
          hint: say(t`每篇 $d \cdot b_v$ 字节。`, t`Each document takes $d \cdot b_v$ bytes.`),
          steps: [
            say(
              t`每篇 $${dim} \times ${valueBytes} = ${denseBytes(dim, valueBytes)}$ 字节。`,
              t`$${dim} \times ${valueBytes} = ${denseBytes(dim, valueBytes)}$ bytes per document.`,
            ),
            say(
              t`合计 ${n(bytes / GiB, 1)} GiB。这就是稠密检索常用乘积量化（PQ）等压缩的原因；稀疏的倒排索引只存出现过的词。`,
              t`${n(bytes / GiB, 1)} GiB in all. This is why dense retrieval often compresses with product quantization; a sparse inverted index stores only the terms that occur.`,
            ),
          ],
        };
      },
    }),
    problem({
      id: 'vec-5',
      level: 'explain',
      inputs: { size: 4, nnz: 3 },
      solve: ({ size, nnz }) => {
        const dense = sparkDenseBytes(size);
        const sparse = sparkSparseBytes(nnz);
        const generic = sparseBytes(nnz, 4, 8) < denseBytes(size, 8);
        return {
          question: say(
            t`原笔记说稀疏向量“只对非零元素操作，通常更高效”。它自己的例子是 ${size} 维、${nnz} 个非零元。按 Spark 的估算，这个例子里哪种形式更小？`,
            t`The notes say sparse vectors "touch only non-zeros, so are usually more efficient". Their own example has ${size} dimensions and ${nnz} non-zeros. By Spark's estimates, which form is smaller there?`,
          ),
          answer: choice(
            [
              say(t`稀疏：它跳过了零`, t`Sparse: it skips the zero`),
              say(
                t`稠密：密度高于约三分之二时，下标的开销超过省下的零`,
                t`Dense: above a density of about two thirds the indices cost more than the zeros saved`,
              ),
              say(t`一样大`, t`The same`),
            ],
            dense < sparse ? 1 : 0,
          ),
          hint: say(t`算两种形式的字节数。`, t`Count both forms' bytes.`),
          steps: [
            say(
              t`稠密 ${dense} 字节，稀疏 ${sparse} 字节；不计固定开销也是${generic ? '稀疏' : '稠密'}更小。`,
              t`Dense ${dense} bytes, sparse ${sparse} bytes; even without the fixed overhead the ${generic ? 'sparse' : 'dense'} form is smaller.`,
            ),
            say(
              t`密度 ${n((nnz / size) * 100, 0)} % 高于临界值 ${n(breakEvenDensity(4, 8) * 100, 1)} %。运算上临界值更低：稀疏的不规则访存在 SIMD 和 GPU 上慢得多。`,
              t`A density of ${n((nnz / size) * 100, 0)} % is above the break-even ${n(breakEvenDensity(4, 8) * 100, 1)} %. For speed the break-even is lower still: sparse, irregular memory access runs much slower on SIMD units and GPUs.`,
            ),
          ],
          calculator: { page: 'calculators/sparse-vector', calculator: 'sparse-vector', params: { 'sv.tab': 'vector', 'sv.ib': '4', 'sv.vb': '8' } },
        };
      },
    }),
  ],
};
