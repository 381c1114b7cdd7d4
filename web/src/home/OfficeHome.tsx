import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import type { Role } from '../../../shared/roles.ts';
import { fmt, t } from '../i18n.ts';
import { roleLabel } from '../labels.ts';
import { fetchSessions, fetchVotes } from '../hall/hall.data.ts';
import { visibleNav } from '../nav.ts';

/** The newest session and its votes, for the people who run the hall (presidium, scrutineers). */
async function fetchCurrent(congressId: string) {
  const session = (await fetchSessions(congressId))[0]; // newest first
  if (!session) return null;
  return { session, votes: await fetchVotes(congressId, session.id) };
}

/**
 * 政府办, 主席团 and 监票人 (without the staff's role) in one congress: under their to-do list, the session the hall is
 * running (presidium, scrutineers) and the pages of their work — not the congress's setup checklist.
 */
export function OfficeCard(props: { congressId: string; congressName: string; roles: Role[] }) {
  const hall = () => props.roles.some((r) => r === 'presidium' || r === 'scrutineer');
  const [current] = createResource(() => (hall() ? props.congressId : false), fetchCurrent);
  /** The menu's groups for these roles (its entries' words are read under their stage, e.g. 项目实施 · 实施总览). */
  const groups = () =>
    visibleNav({ systemAdmin: false, congressId: props.congressId, roles: props.roles })
      .map((g) => ({ ...g, entries: g.entries.filter((e) => e.label !== 'nav.overview') }))
      .filter((g) => g.entries.length > 0);
  return (
    <section class="card office-home" classList={{ 'office-pages-only': !hall() }} aria-labelledby={`office-${props.congressId}`}>
      <p class="kicker">{props.congressName}</p>
      <h2 id={`office-${props.congressId}`}>{props.roles.map(roleLabel).join('、')}</h2>
      <Show when={hall()}>
        <h3>{t('home.work.session')}</h3>
        <Show when={current.state === 'ready' || current.state === 'refreshing'} fallback={<p class="muted" aria-busy="true">…</p>}>
          <Show when={current.latest} fallback={<p class="muted">{t('home.work.noSession')}</p>}>
            {(c) => {
              const base = () => `/c/${props.congressId}/sessions/${c().session.id}`;
              return (
                <>
                  <p>
                    <A href={base()}>
                      <strong>{c().session.name}</strong>
                    </A>{' '}
                    <span class="muted num nowrap">
                      {fmt.date(c().session.date)} · {t('sessions.presentOfSeated', { present: c().session.present, seated: c().session.seated })}
                    </span>
                  </p>
                  <Show when={c().votes.length > 0} fallback={<p class="muted">{t('home.work.noVotes')}</p>}>
                    <ul class="plain-list current-votes">
                      <For each={c().votes}>
                        {(v) => (
                          <li>
                            <span class={`tag ${v.state === 'open' ? 'tag-ok' : v.state === 'closed' ? 'tag-muted' : 'tag-warn'}`}>{t(`vote.state.${v.state}`)}</span>{' '}
                            <A href={`${base()}/votes/${v.id}`}>{v.title}</A>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                </>
              );
            }}
          </Show>
        </Show>
      </Show>
      {/* On a phone the menu is folded away: the pages are here too (beside the menu on wider screens, not twice). */}
      <div class="office-pages">
        <h3>{t('home.work.pages')}</h3>
        <For each={groups()}>
          {(g) => (
            <>
              <p class="muted small home-pages-stage">{t(g.label)}</p>
              <ul class="home-pages">
                <For each={g.entries}>
                  {(e) => (
                    <li>
                      <A class="btn btn-secondary" href={e.href(props.congressId)}>
                        {t(e.label)}
                      </A>
                    </li>
                  )}
                </For>
              </ul>
            </>
          )}
        </For>
      </div>
    </section>
  );
}
