/**
 * The calculator's formulas as TeX with `\slot{name}{default}` placeholders (see shared/formula.ts). Rendered
 * once at build time by the wrapper; the island fills the slots with the reader's numbers.
 */
export const FORMULAS = {
  weights: String.raw`M_W = \slot{pBase}{0}\times\slot{bBase}{2}\,\text{B} + M_Q + \slot{pA}{0}\times\slot{bA}{2}\,\text{B} = \slot{mW}{0},\quad M_Q(\slot{pQ}{0}) = \slot{qB}{0}`,
  gradients: String.raw`M_G = T\times b_g = \slot{T}{0}\times\slot{bG}{2}\,\text{B} = \slot{mG}{0}`,
  optimizer: String.raw`M_O = T\times(b_{\text{master}} + b_{\text{states}}) = \slot{T}{0}\times(\slot{bM}{4} + \slot{bS}{8})\,\text{B} = \slot{mO}{0}`,
  actLayer: String.raw`m_{\text{layer}} = \frac{b\,s\,k_{\text{in}}}{t_{\text{sp}}} + \frac{b\,s\,k_{\text{int}}}{t} + \frac{b\,s^2\,a\,c_s}{t} = \frac{\slot{bs}{0}\cdot\slot{krep}{0}\,\text{B}}{\slot{tsp}{1}} + \frac{\slot{bs}{0}\cdot\slot{ksplit}{0}\,\text{B}}{\slot{t}{1}} + \frac{\slot{bs}{0}\cdot\slot{s}{0}\cdot\slot{a}{0}\cdot\slot{cs}{0}\,\text{B}}{\slot{t}{1}} = \slot{mL}{0}`,
  logits: String.raw`M_{\text{logits}} = \frac{b\,s\,V\,c_L}{t} = \frac{\slot{bs}{0}\cdot\slot{V}{0}\cdot\slot{cL}{12}\,\text{B}}{\slot{t}{1}} = \slot{mLog}{0}`,
  actTotal: String.raw`M_A = L_a\times m_{\text{kept}} + m_{\text{work}} + M_{\text{logits}} + m_{\text{head}} = \slot{La}{0}\times\slot{kept}{0} + \slot{re}{0} + \slot{logits}{0} + \slot{head}{0} = \slot{mA}{0}`,
  total: String.raw`M_{\text{sum}} = \frac{M_W}{t\,N_W} + \frac{M_G}{t\,N_G} + \frac{M_O}{t\,N_O} + M_A + \frac{4\,\Psi_{\text{layer}}}{t} + M_{\text{pref}},\quad t=\slot{t}{1},\ N_W=\slot{nW}{1},\ N_G=\slot{nG}{1},\ N_O=\slot{nO}{1},\ \tfrac{4\Psi_{\text{layer}}}{t}=\slot{buf}{0},\ M_{\text{pref}}=\slot{pref}{0};\quad M_{\text{sum}} = \slot{total}{0}`,
  peak: String.raw`M_{\text{device}} = M_{\text{states}} + M_{G,\text{peak}} + M_{A,\text{peak}} + M_{\text{work}} + M_{\text{cache}} + M_{\text{ctx}} = \slot{states}{0} + \slot{gp}{0} + \slot{ap}{0} + \slot{ws}{0} + \slot{cache}{0} + \slot{ctx}{0} = \slot{device}{0}`,
  preference: String.raw`M_{\text{pref}} = M_{\text{ref}} + M_{\text{reward}} + M_{\text{critic}} + M_{A,\text{critic}} + M_{\text{KV}} = \slot{ref}{0} + \slot{reward}{0} + \slot{critic}{0} + \slot{cact}{0} + \slot{kv}{0},\quad M_{\text{KV}} = \frac{L\cdot e\cdot 2\,\text{B}\cdot s\cdot n_{\text{seq}}}{t} = \frac{\slot{L}{0}\cdot\slot{e}{0}\cdot 2\cdot\slot{kvs}{0}\cdot\slot{nseq}{1}}{\slot{kvt}{1}}`,
} as const;

export type FormulaName = keyof typeof FORMULAS;
