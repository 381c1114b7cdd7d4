import type { JSX } from 'solid-js';
import { t } from '../i18n.ts';
import { LangSwitch } from './LangSwitch.tsx';

/**
 * Pages without an account (setup, sign-in, and the resident pages: submit, track, the candidate list): the product
 * name, the language switch, and one centred panel. `class` marks a family of pages (e.g. `resident`, larger type).
 */
export function PublicLayout(props: { children: JSX.Element; wide?: boolean; class?: string }) {
  return (
    <div class={`public ${props.class ?? ''}`}>
      <header class="public-head">
        <div class="brand">
          <span class="brand-mark" aria-hidden="true" />
          {/* The short name on narrow screens (the English name would push the language switch off a phone). */}
          <span class="brand-name">
            <span class="long">{t('app.name')}</span>
            <span class="short">{t('app.shortName')}</span>
          </span>
        </div>
        <LangSwitch />
      </header>
      <main id="main" class="public-main">
        <div class="panel" classList={{ wide: !!props.wide }}>
          {props.children}
        </div>
      </main>
      <footer class="public-foot">{t('app.footerNote')}</footer>
    </div>
  );
}
