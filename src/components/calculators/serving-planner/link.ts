/**
 * A link from another calculator into the serving planner that carries the model (a preset id, or a supplied
 * config.json in its compacted form, as `srv.cfg`) and what else the two share: the context, the KV type, the GPU.
 * Small on purpose: the KV calculator imports it without the planner's code.
 */
import type { Lang } from '~/components/calculators/shared/locale';
import { MAX_CONFIG_CHARS } from './config-limit';

export interface ServingLinkSetting {
  /** A preset id, when the model is a preset. */
  model?: string;
  /** A supplied config.json, compacted; wins over `model`. */
  config?: Record<string, unknown>;
  contextTokens?: number;
  kvDtype?: string;
  gpu?: string;
}

const KV_TYPES = ['bf16', 'fp16', 'fp8', 'fp32'];

/** The link's text in the page's language. */
export const SERVING_LINK_TEXT: Record<Lang, string> = {
  en: 'Will it serve on vLLM? Open this model in the serving planner',
  'zh-CN': '用 vLLM 能跑起来吗？在服务规划器中打开这个模型',
};

/**
 * The root-relative path of the serving planner with `setting` in its query (put the site base in front with
 * `withBase`). A config too long for a link is left out rather than cut.
 *
 * @example servingLink('en', { model: 'qwen3-32b', contextTokens: 32768 })
 * // => '/en/calculators/serving/?srv.model=qwen3-32b&srv.ctx=32768#serving-planner'
 */
export function servingLink(lang: Lang, setting: ServingLinkSetting): string {
  const q = new URLSearchParams();
  const cfg = setting.config ? JSON.stringify(setting.config) : '';
  if (cfg !== '' && cfg.length <= MAX_CONFIG_CHARS) q.set('srv.cfg', cfg);
  else if (setting.model) q.set('srv.model', setting.model);
  if (setting.contextTokens !== undefined && Number.isInteger(setting.contextTokens) && setting.contextTokens > 0)
    q.set('srv.ctx', String(setting.contextTokens));
  if (setting.kvDtype && KV_TYPES.includes(setting.kvDtype)) q.set('srv.kvdt', setting.kvDtype);
  if (setting.gpu) q.set('srv.gpu', setting.gpu);
  return `${lang === 'en' ? '/en' : ''}/calculators/serving/?${q.toString()}#serving-planner`;
}
