import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { RepCongress, RepProject, RepProposal, RepSession } from '../../../shared/home/schema.ts';
import { fmt, t, type MessageKey } from '../i18n.ts';
import { HealthTag, ProgressBar } from '../projects/parts.tsx';

/**
 * A representative's congress on their home: the session when one is on (how to vote, in words), the projects and
 * their progress (theirs first, with why), and their proposals with what became of each.
 */
export function RepresentativePanels(props: { home: RepCongress }) {
  const c = () => props.home.congressId;
  return (
    <>
      <Show when={props.home.session}>{(s) => <SessionCard congressId={c()} session={s()} />}</Show>
      <ProjectsCard congressId={c()} projects={props.home.projects} />
      <ProposalsCard congressId={c()} proposals={props.home.proposals} />
      <ItemsCard congressId={c()} />
    </>
  );
}

function SessionCard(props: { congressId: string; session: RepSession }) {
  const s = () => props.session;
  return (
    <section class="card home-session" aria-labelledby={`rep-session-${s().id}`}>
      <h2 id={`rep-session-${s().id}`}>{t('home.rep.session.title')}</h2>
      <p>
        <strong>{s().name}</strong>{' '}
        <span class="muted num nowrap">
          {fmt.date(s().date)} · {t('sessions.presentOfSeated', { present: s().present, seated: s().seated })}
        </span>
      </p>
      <p>
        <span class={`tag ${s().checkedIn ? 'tag-ok' : 'tag-warn'}`}>{t(s().checkedIn ? 'home.rep.session.checkedIn' : 'home.rep.session.notCheckedIn')}</span>
      </p>
      <p class="home-how">{t('home.rep.session.how')}</p>
      <Show when={s().votes.length > 0} fallback={<p class="muted">{t('home.work.noVotes')}</p>}>
        <ul class="home-votes">
          <For each={s().votes}>
            {(v) => (
              <li class="home-vote" data-state={v.state}>
                <span class="home-vote-title">{v.title}</span>
                <span class={`tag ${v.state === 'open' ? 'tag-ok' : v.state === 'published' ? 'tag-accent' : 'tag-muted'}`}>{t(`home.rep.vote.${v.state}` as MessageKey)}</span>
                <span class="home-vote-links">
                  <Show
                    when={v.state === 'published'}
                    fallback={
                      <Show when={v.listId}>
                        <a class="btn btn-secondary btn-sm" href={`/p/${props.congressId}/candidates?list=${v.listId}`}>
                          {t('home.rep.vote.candidates')}
                        </a>
                      </Show>
                    }
                  >
                    <a class="btn btn-secondary btn-sm" href={`/v/${v.id}`}>
                      {t('home.rep.vote.result')}
                    </a>
                  </Show>
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

const tieWords = (p: RepProject) =>
  p.ties.map((tie) => (tie === 'place' ? t('home.rep.tie.place', { place: p.place ?? '' }) : t(`home.rep.tie.${tie}` as MessageKey)));

function ProjectsCard(props: { congressId: string; projects: RepProject[] }) {
  return (
    <section class="card home-projects" aria-labelledby={`rep-projects-${props.congressId}`}>
      <div class="section-head">
        <h2 id={`rep-projects-${props.congressId}`}>{t('home.rep.projects.title')}</h2>
        <Show when={props.projects.length > 0}>
          <A class="btn btn-secondary btn-sm" href={`/c/${props.congressId}/projects`}>
            {t('home.rep.projects.all')}
          </A>
        </Show>
      </div>
      <Show when={props.projects.length > 0} fallback={<p class="muted">{t('home.rep.projects.empty')}</p>}>
        <p class="muted small">{t('home.rep.projects.lead')}</p>
        <ul class="home-project-list">
          <For each={props.projects}>
            {(p) => (
              <li class="home-project" data-mine={p.ties.length > 0 ? 'true' : undefined}>
                <div class="home-project-head">
                  <A href={`/c/${props.congressId}/projects/${p.id}`} class="home-project-title">
                    {p.title}
                  </A>
                  <HealthTag health={p.health} />
                </div>
                <Show when={p.ties.length > 0}>
                  <p class="home-ties">
                    <For each={tieWords(p)}>{(w) => <span class="tag tag-accent">{w}</span>}</For>
                  </p>
                </Show>
                <ProgressBar derived={p.derivedProgress} reported={p.reportedProgress} health={p.health} label={p.title} resident />
                <p class="muted small home-project-meta">
                  <span class="nowrap">{t('home.rep.department', { name: p.leadDepartment })}</span> ·{' '}
                  <span class="nowrap">{t('home.rep.completion', { date: fmt.date(p.plannedCompletion) })}</span>
                </p>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

const outcomeClass = (o: RepProposal['outcome']) =>
  ({ waiting: 'tag-muted', candidate: 'tag-warn', elected: 'tag-ok', not_elected: 'tag-muted', merged: 'tag-muted', not_adopted: 'tag-bad', reserved: 'tag-muted' })[o];

function ProposalsCard(props: { congressId: string; proposals: RepProposal[] }) {
  const base = () => `/c/${props.congressId}/gathering/proposals`;
  return (
    <section class="card home-proposals" aria-labelledby={`rep-proposals-${props.congressId}`}>
      <div class="section-head">
        <h2 id={`rep-proposals-${props.congressId}`}>{t('home.rep.proposals.title')}</h2>
        <A class="btn btn-secondary btn-sm" href={base()}>
          {t('home.proposals')}
        </A>
      </div>
      <Show when={props.proposals.length > 0} fallback={<p class="muted">{t('home.rep.proposals.empty')}</p>}>
        <ul class="home-proposal-list">
          <For each={props.proposals}>
            {(p) => (
              <li class="home-proposal" data-outcome={p.outcome}>
                <A href={`${base()}/${p.id}`} class="home-proposal-title">
                  {p.title}
                </A>
                <span class="muted small nowrap">{t('home.rep.proposals.submitted', { date: fmt.date(p.submittedOn) })}</span>
                <p class="home-outcome">
                  <span class={`tag ${outcomeClass(p.outcome)}`}>{t(`home.rep.outcome.${p.outcome}` as MessageKey)}</span>
                  <Show when={p.mergedInto}>
                    {(m) => <span> {t('home.rep.mergedInto', { title: m().title, outcome: t(`home.rep.outcome.${m().outcome}` as MessageKey) })}</span>}
                  </Show>
                  <Show when={p.reason}>
                    <span> {t('home.rep.reason', { reason: p.reason })}</span>
                  </Show>
                </p>
                <Show when={p.project}>
                  {(pr) => (
                    <p class="small">
                      {t('home.rep.project')}
                      <A href={`/c/${props.congressId}/projects/${pr().id}`}>{pr().title}</A>
                    </p>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

/** 意见建议 on a phone: raise one (what and where), follow the ones raised and rate their handling back-to-back. */
function ItemsCard(props: { congressId: string }) {
  return (
    <section class="card home-items" aria-labelledby={`rep-items-${props.congressId}`}>
      <h2 id={`rep-items-${props.congressId}`}>{t('home.items.rep.title')}</h2>
      <p class="muted small">{t('home.items.rep.lead')}</p>
      <ul class="home-pages">
        <li>
          <A class="btn btn-primary" href={`/c/${props.congressId}/items/new`}>
            {t('home.items.rep.new')}
          </A>
        </li>
        <li>
          <A class="btn btn-secondary" href={`/c/${props.congressId}/items?mine=1`}>
            {t('home.items.rep.mine')}
          </A>
        </li>
        <li><A class="btn btn-secondary" href={`/c/${props.congressId}/archive/me`}>{t('archive.me.link')}</A></li>
      </ul>
    </section>
  );
}
