import { A, useLocation, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show, Suspense } from 'solid-js';
import { Loading } from '../components/Async.tsx';
import { CongressListContext } from '../congress/context.tsx';
import { fetchCongresses, rememberedCongress } from '../congress/congresses.data.ts';
import { t } from '../i18n.ts';
import { visibleNav } from '../nav.ts';
import { me, rolesIn, signOut } from '../session.ts';
import { WorkBadge } from '../home/WorkList.tsx';
import { LangSwitch } from './LangSwitch.tsx';
import { RequireSession } from './RequireSession.tsx';

const CONGRESS_PATH = /^\/c\/([0-9a-f-]{36})(\/.*)?$/;

/** Every signed-in page: header, navigation by lifecycle stage, the page, and a footer. */
export function StaffLayout(props: RouteSectionProps) {
  return (
    <RequireSession>
      <Shell {...props} />
    </RequireSession>
  );
}

function Shell(props: RouteSectionProps) {
  const location = useLocation();
  const navigate = useNavigate();
  const [congresses, { refetch }] = createResource(fetchCongresses);
  const [menuOpen, setMenuOpen] = createSignal(false);

  const pathCongress = () => CONGRESS_PATH.exec(location.pathname)?.[1];
  /** The congress of the address, else the one last opened here, else the first this account may open. */
  const currentId = createMemo(() => {
    const fromPath = pathCongress();
    if (fromPath) return fromPath;
    const list = congresses.latest ?? [];
    const saved = rememberedCongress();
    return list.find((c) => c.id === saved)?.id ?? list[0]?.id;
  });
  const nav = createMemo(() =>
    visibleNav({ systemAdmin: !!me()?.account.systemAdmin, congressId: currentId(), roles: rolesIn(currentId()) }),
  );
  const hasNav = () => nav().length > 0;

  // After moving to another page: close the phone menu, and put keyboard and screen-reader focus on the new page.
  let main: HTMLElement | undefined;
  createEffect(
    on(
      () => location.pathname,
      () => {
        setMenuOpen(false);
        main?.focus({ preventScroll: true });
      },
      { defer: true },
    ),
  );

  const switchCongress = (id: string) => {
    const rest = CONGRESS_PATH.exec(location.pathname)?.[2] ?? '';
    navigate(`/c/${id}${rest}`);
  };

  return (
    <CongressListContext.Provider value={{ congresses, refetch: () => void refetch() }}>
      <div class="app" classList={{ 'menu-open': menuOpen(), 'no-nav': !hasNav() }}>
        <a class="skip-link" href="#main">
          {t('a11y.skipToContent')}
        </a>
        <header class="app-head app-chrome">
          <div class="app-head-inner">
            <Show when={hasNav()}>
              <button
                type="button"
                class="btn btn-ghost menu-btn"
                aria-expanded={menuOpen()}
                aria-controls="app-nav"
                onClick={() => setMenuOpen(!menuOpen())}
              >
                <span class="burger" aria-hidden="true" />
                {t('nav.menu')}
              </button>
            </Show>
            <A href="/" class="brand" end>
              <span class="brand-mark" aria-hidden="true" />
              <span class="brand-name">
                <span class="long">{t('app.name')}</span>
                <span class="short">{t('app.shortName')}</span>
              </span>
            </A>
            <div class="head-congress">
              <CongressSwitcher list={congresses.latest ?? []} currentId={currentId()} onSwitch={switchCongress} />
            </div>
            <div class="head-tools">
              <WorkBadge />
              <LangSwitch />
              <AccountMenu onSignOut={async () => { await signOut(); navigate('/login', { replace: true }); }} />
            </div>
          </div>
        </header>

        <div class="app-body">
          <Show when={hasNav()}>
            <nav id="app-nav" class="app-nav app-chrome" aria-label={t('nav.label')}>
              <div class="nav-congress">
                <CongressSwitcher list={congresses.latest ?? []} currentId={currentId()} onSwitch={switchCongress} />
              </div>
              <For each={nav()}>
                {(group) => (
                  <div class="nav-group">
                    <h2 class="nav-group-title">{t(group.label)}</h2>
                    <ul>
                      <For each={group.entries}>
                        {(e) => (
                          <li>
                            <A href={e.href(currentId() ?? '')} end={e.end} activeClass="active">
                              {t(e.label)}
                            </A>
                          </li>
                        )}
                      </For>
                    </ul>
                  </div>
                )}
              </For>
              <div class="nav-account">
                <A href="/account" activeClass="active">
                  {t('nav.myAccount')}
                </A>
                <button type="button" class="linklike" onClick={async () => { await signOut(); navigate('/login', { replace: true }); }}>
                  {t('nav.signOut')}
                </button>
              </div>
            </nav>
          </Show>
          <main id="main" class="app-main" tabindex="-1" ref={main}>
            <Suspense fallback={<Loading />}>{props.children}</Suspense>
          </main>
        </div>
        <footer class="app-foot app-chrome">
          <span>{t('app.name')}</span>
          <a href="/api/docs" target="_blank" rel="external noopener">
            {t('footer.apiDocs')}
          </a>
        </footer>
      </div>
    </CongressListContext.Provider>
  );
}

function CongressSwitcher(props: { list: { id: string; name: string }[]; currentId: string | undefined; onSwitch: (id: string) => void }) {
  return (
    <Show when={props.list.length > 0}>
      <Show
        when={props.list.length > 1}
        fallback={
          <span class="congress-name" title={t('header.currentCongress')}>
            {props.list[0]?.name}
          </span>
        }
      >
        <label class="congress-switch">
          <span class="sr-only">{t('header.currentCongress')}</span>
          <select onChange={(e) => props.onSwitch(e.currentTarget.value)}>
            <For each={props.list}>
              {(c) => (
                <option value={c.id} selected={c.id === props.currentId}>
                  {c.name}
                </option>
              )}
            </For>
          </select>
        </label>
      </Show>
    </Show>
  );
}

function AccountMenu(props: { onSignOut: () => void }) {
  const [open, setOpen] = createSignal(false);
  let root!: HTMLDivElement;
  const onDoc = (e: Event) => {
    if (!root.contains(e.target as Node)) setOpen(false);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') setOpen(false);
  };
  document.addEventListener('click', onDoc);
  document.addEventListener('keydown', onKey);
  onCleanup(() => {
    document.removeEventListener('click', onDoc);
    document.removeEventListener('keydown', onKey);
  });
  return (
    <div class="account-menu" ref={root}>
      <button type="button" class="btn btn-ghost" aria-expanded={open()} aria-controls="account-menu" onClick={() => setOpen(!open())}>
        <span class="avatar" aria-hidden="true">
          {me()?.account.displayName.slice(0, 1)}
        </span>
        <span class="account-name">{me()?.account.displayName}</span>
        <span class="caret" aria-hidden="true" />
      </button>
      <Show when={open()}>
        <div class="menu" id="account-menu">
          <p class="menu-who">
            {me()?.account.displayName}
            <span class="muted"> · {me()?.account.username}</span>
          </p>
          <A href="/account" onClick={() => setOpen(false)}>
            {t('nav.myAccount')}
          </A>
          <button type="button" onClick={() => { setOpen(false); props.onSignOut(); }}>
            {t('nav.signOut')}
          </button>
        </div>
      </Show>
    </div>
  );
}
