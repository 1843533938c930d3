/**
 * The calculator's formulas as TeX with `\slot{name}{default}` placeholders (see shared/formula.ts). Rendered
 * once at build time by the wrapper; the island fills the slots with the reader's numbers.
 */
export const FORMULAS = {
  weights: String.raw`M_W = \slot{pBase}{0}\times\slot{bBase}{2}\,\text{B} + \slot{pQ}{0}\times\tfrac{4.127}{8}\,\text{B} + \slot{pA}{0}\times\slot{bA}{2}\,\text{B} = \slot{mW}{0}`,
  gradients: String.raw`M_G = T\times b_g = \slot{T}{0}\times\slot{bG}{2}\,\text{B} = \slot{mG}{0}`,
  optimizer: String.raw`M_O = T\times(b_{\text{master}} + b_{\text{states}}) = \slot{T}{0}\times(\slot{bM}{4} + \slot{bS}{8})\,\text{B} = \slot{mO}{0}`,
  actLayer: String.raw`m_{\text{layer}} = s\,b\,h\left(34 + \frac{5as}{h}\right) = \slot{s}{0}\cdot\slot{b}{1}\cdot\slot{h}{0}\cdot\left(34 + \slot{attn}{0}\right)\times\slot{scale}{1} + \slot{extra}{0} = \slot{mL}{0}`,
  actTotal: String.raw`M_A = L_a\times m_{\text{kept}} + m_{\text{recompute}} + m_{\text{logits}} = \slot{La}{0}\times\slot{kept}{0} + \slot{re}{0} + \slot{logits}{0} = \slot{mA}{0}`,
  total: String.raw`M_{\text{GPU}} = \frac{M_W}{N_W} + \frac{M_G}{N_G} + \frac{M_O}{N_O} + M_A,\quad N_W=\slot{nW}{1},\ N_G=\slot{nG}{1},\ N_O=\slot{nO}{1};\quad M_{\text{GPU}} = \slot{total}{0}`,
} as const;

export type FormulaName = keyof typeof FORMULAS;
