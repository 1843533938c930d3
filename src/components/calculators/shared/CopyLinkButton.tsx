import { useState } from 'preact/hooks';

interface Props {
  /** Builds the link at click time, so it carries the current state (may compress it first). */
  link: () => string | Promise<string>;
  lang: 'zh-CN' | 'en';
}

const strings = {
  'zh-CN': { label: '复制此设置的链接', copied: '链接已复制', failed: '无法复制，请从地址栏复制' },
  en: { label: 'Copy link to this setting', copied: 'Link copied', failed: 'Could not copy; use the address bar' },
} as const;

/** A button that copies a link restoring the calculator's current state, with a spoken confirmation. */
export function CopyLinkButton({ link, lang }: Props) {
  const t = strings[lang];
  const [status, setStatus] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(await link());
      setStatus(t.copied);
    } catch {
      setStatus(t.failed);
    }
    setTimeout(() => setStatus(''), 2500);
  }
  return (
    <span class="calc-copy-link">
      <button type="button" onClick={copy}>
        {t.label}
      </button>
      <span role="status" aria-live="polite" class="calc-copy-status">
        {status}
      </span>
    </span>
  );
}
