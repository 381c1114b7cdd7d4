import { lang, setLang, t } from '../i18n.ts';

/** One button that names the other language in that language (中文 / English), as people look for their own. */
export function LangSwitch() {
  const other = () => (lang() === 'zh-CN' ? 'en' : 'zh-CN');
  return (
    <button
      type="button"
      class="btn btn-ghost lang-switch"
      lang={other()}
      onClick={() => void setLang(other())}
      aria-label={t('lang.switchTo')}
    >
      {t('lang.other')}
    </button>
  );
}
