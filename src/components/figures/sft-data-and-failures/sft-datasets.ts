/**
 * Sizes of instruction-tuning sets the page discusses, as their papers state them (approximate where the paper
 * says "about"), with the reference key and section each comes from. The point of the figure is that the smaller
 * curated sets did as well as or better than the larger ones they are compared with.
 */
export interface SftDataset {
  name: string;
  examples: number;
  /** True when the paper gives a round "about" figure. */
  approximate: boolean;
  how: 'human' | 'generated' | 'filtered';
  ref: string;
  at: string;
}

export const SFT_DATASETS: readonly SftDataset[] = [
  { name: 'LIMA', examples: 1_000, approximate: false, how: 'human', ref: 'zhou2023lima', at: 'Abstract' },
  { name: 'AlpaGasus', examples: 9_000, approximate: true, how: 'filtered', ref: 'chen2023alpagasus', at: 'Abstract' },
  { name: 'InstructGPT SFT', examples: 13_000, approximate: true, how: 'human', ref: 'ouyang2022training', at: '§3.2' },
  { name: 'Llama 2 SFT', examples: 27_540, approximate: false, how: 'human', ref: 'touvron2023llama', at: '§3.1' },
  { name: 'Alpaca', examples: 52_000, approximate: true, how: 'generated', ref: 'chen2023alpagasus', at: 'Abstract' },
  { name: 'Self-Instruct', examples: 52_000, approximate: true, how: 'generated', ref: 'wang2023selfinstruct', at: 'Abstract' },
];
