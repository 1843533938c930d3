import type { UrlNotice } from '~/components/calculators/shared/url-state';
import { urlNoticeMessage } from '~/i18n/fields';

interface Props {
  notices: UrlNotice[];
  lang: 'zh-CN' | 'en';
}

/** Says which link parameters were ignored and why. Values are rendered as text only. */
export function UrlNotices({ notices, lang }: Props) {
  if (notices.length === 0) return null;
  return (
    <div class="calc-url-notices" role="status">
      <ul>
        {notices.map((notice) => (
          <li key={notice.key}>{urlNoticeMessage(notice, lang)}</li>
        ))}
      </ul>
    </div>
  );
}
