/**
 * The documents and query of the BM25 worked example on sparse-dense-vectors (#bm25-example), per language. The
 * prose there reads the result ("d₃ has the query word twice yet ranks below d₂"); the unit test keeps it true.
 */
export const BM25_EXAMPLE = {
  zh: {
    docs: ['LoRA 只训练很少的参数', '量化可以节省内存', '激活占用内存，梯度也占用内存，而且都随批大小增长'],
    query: '参数 内存',
  },
  en: {
    docs: [
      'LoRA trains very few parameters',
      'Quantization saves memory',
      'Activations take memory, gradients take memory too, and both grow with the batch size',
    ],
    query: 'parameters memory',
  },
} as const;
