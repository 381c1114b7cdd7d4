import { render } from 'solid-js/web';
import { App } from './app.tsx';
import { applyLang } from './i18n.ts';
import { loadSession } from './session.ts';
import './styles.css';

applyLang();
void loadSession();
render(() => <App />, document.getElementById('root')!);
