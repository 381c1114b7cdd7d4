import type { JSX } from 'solid-js';
import { congressBody } from '../../../shared/i18n/index.ts';
import { lang, t } from '../i18n.ts';
import { LangSwitch } from './LangSwitch.tsx';

/**
 * Pages without an account (setup, sign-in, and the resident pages: submit, track, the candidate list): the product
 * name, the language switch, and one centred panel. `class` marks a family of pages (e.g. `resident`, larger type).
 * A page of one congress passes it: the footer then names the congress's own body (a township's 人大主席团, a county's
 * 人大常委会 — by its level; its name when the level is not known), never a body it does not have.
 */
export function PublicLayout(props: { children: JSX.Element; wide?: boolean; class?: string; congress?: { name: string; level?: string } | null }) {
  const footer = () => {
    const c = props.congress;
    if (!c) return t('app.footerNote');
    const body = c.level ? congressBody({ name: c.name, level: c.level }, lang()) : c.name;
    return t('office.footer', { body, note: t('app.footerNote') });
  };
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
      <footer class="public-foot">{footer()}</footer>
    </div>
  );
}
