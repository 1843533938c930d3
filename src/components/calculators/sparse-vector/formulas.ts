/**
 * The encoder's formulas as TeX with `\slot{name}{default}` placeholders (see shared/formula.ts), rendered once
 * at build time by the wrapper; the island fills in the reader's numbers. One relation per line, so they fit
 * the calculator's width.
 */
export const FORMULAS = {
  storage: String.raw`\begin{aligned}
\text{dense} &= n\,b_v = \slot{n}{4}\times\slot{bv}{8} = \slot{dense}{32}\,\text{B}\\
\text{sparse} &= \mathrm{nnz}\,(b_i+b_v) = \slot{nnz}{3}\times(\slot{bi}{4}+\slot{bv}{8}) = \slot{sparse}{36}\,\text{B}\\
\rho^* &= \frac{b_v}{b_i+b_v} = \slot{rho}{0.667}
\end{aligned}`,
  spark: String.raw`\begin{aligned}
\text{dense} &= 8n+8 = \slot{sd}{40}\,\text{B}\\
\text{sparse} &= 12\,\mathrm{nnz}+20 = \slot{ss}{56}\,\text{B}\\
1.5\,(\mathrm{nnz}+1) &= \slot{lhs}{6} \;\slot{cmp}{\ge}\; n = \slot{n}{4} \;\Rightarrow\; \slot{choice}{\text{dense}}
\end{aligned}`,
  bow: String.raw`w_{\slot{term}{t}} = \mathrm{tf}(t) = \slot{tf}{1}`,
  tfidf: String.raw`\begin{aligned}
w_{\slot{term}{t}} &= \mathrm{tf}\cdot\ln\frac{N+1}{\mathrm{df}+1}\\
&= \slot{tf}{1}\times\ln\frac{\slot{N}{0}+1}{\slot{df}{0}+1} = \slot{w}{0}
\end{aligned}`,
  bm25: String.raw`\begin{aligned}
w_{\slot{term}{t}} &= \ln\!\Big(1+\frac{N-\mathrm{df}+0.5}{\mathrm{df}+0.5}\Big)\cdot\frac{\mathrm{tf}\,(k_1+1)}{\mathrm{tf}+k_1\big(1-b+b\,\frac{|d|}{\mathrm{avgdl}}\big)}\\
&= \ln\!\Big(1+\frac{\slot{N}{0}-\slot{df}{0}+0.5}{\slot{df}{0}+0.5}\Big)\\
&\quad\cdot\frac{\slot{tf}{1}\times(\slot{k1}{1.2}+1)}{\slot{tf}{1}+\slot{k1}{1.2}\,\big(1-\slot{b}{0.75}+\slot{b}{0.75}\times\frac{\slot{dl}{1}}{\slot{avgdl}{1}}\big)} = \slot{w}{0}
\end{aligned}`,
  cosine: String.raw`\cos(u,v) = \frac{u\cdot v}{\lVert u\rVert\,\lVert v\rVert} = \frac{\slot{dot}{0}}{\slot{nu}{0}\times\slot{nv}{0}} = \slot{cos}{0}`,
} as const;

export type FormulaName = keyof typeof FORMULAS;
