import { render } from 'solid-js/web';
import { App } from './app.tsx';
import { applyLang, lang, loadCoreWords, loadLang } from './i18n.ts';
import './styles.css';

// After an upgrade, a tab opened before it asks for page files that are gone: load the new version once (not in a loop).
window.addEventListener('vite:preloadError', (e) => {
  const at = Number(sessionStorage.getItem('minsheng.reloadedAt') ?? 0);
  if (Date.now() - at < 60_000) return;
  e.preventDefault();
  sessionStorage.setItem('minsheng.reloadedAt', String(Date.now()));
  location.reload();
});

applyLang();
// Who is signed in is asked by the first page that reads it (session.ts): the public pages never ask.
// The words are fetched before the first paint (no flash of raw keys, nor of Chinese for a browser that chose English):
// all of them, but on the hall tablet's ballot page, which shows only the core words built in (design §9: its JavaScript).
const onBallotPage = location.pathname.replace(/\/+$/, '') === '/b';
void (onBallotPage ? loadCoreWords(lang()) : loadLang(lang()))
  .catch(() => undefined)
  .finally(() => render(() => <App />, document.getElementById('root')!));
