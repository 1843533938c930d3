import type { Lang } from './locale';

/**
 * Said when a calculator's core (its arithmetic, loaded after start-up) could not be fetched: the results on screen
 * are then the server's, for the default setting, and no longer follow the reader's edits, which must be said
 * rather than left to look live.
 */
export function CoreLoadFailed({ lang }: { lang: Lang }) {
  return (
    <p class="calc-field-error" role="alert" data-core-failed>
      {lang === 'en'
        ? 'The calculator’s code did not load: the results shown are for the default setting and do not follow your edits. Reload the page to try again.'
        : '计算器的代码未能加载：下面的结果是默认设置的，不会随你的修改而变。请刷新页面重试。'}
    </p>
  );
}
