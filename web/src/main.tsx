import { render } from 'solid-js/web';
import { App } from './app.tsx';
import { applyLang, lang, loadLang } from './i18n.ts';
import { loadSession } from './session.ts';
import './styles.css';

applyLang();
void loadSession();
// A browser that chose English fetches its words before the first paint (no flash of Chinese).
void loadLang(lang())
  .catch(() => undefined)
  .finally(() => render(() => <App />, document.getElementById('root')!));
