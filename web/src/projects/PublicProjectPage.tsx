import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { Async } from '../components/Async.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fmt, t } from '../i18n.ts';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { changeKindLabel, HealthTag, milestoneStatusLabel, pct, ProgressBar, Spending } from './parts.tsx';
import { fetchPublicProject, paths, publicFileUrl, type PublicProject } from './projects.data.ts';
import './projects.css';

const GRADE_CLASS = { satisfied: 'tag-ok', basic: 'tag-warn', dissatisfied: 'tag-bad' } as const;

/**
 * /progress/:congressId/:projectId — one project for residents: progress, money, the milestone timeline, photos
 * (loaded as they scroll into view), the departments' progress summaries and the announcements of decided changes.
 */
export default function PublicProjectPage() {
  const params = useParams<{ congressId: string; projectId: string }>();
  const [data, { refetch }] = createResource(() => params.projectId, fetchPublicProject);
  usePageTitle(() => data.latest?.title ?? t('progress.titlePlain'));
  return (
    <PublicLayout wide class="resident pj-public">
      <p class="pj-back">
        <A href={paths.publicList(params.congressId, data.latest?.year)}>← {t('progress.back')}</A>
      </p>
      <Async resource={data} retry={refetch} loadingText={t('progress.loading')}>
        {(p) => <Project p={p} />}
      </Async>
    </PublicLayout>
  );
}

function Project(props: { p: PublicProject }) {
  const { congressId } = useParams<{ congressId: string }>();
  const p = () => props.p;
  return (
    <article class="pj-public-project">
      <header class="resident-head">
        <p class="kicker">{t('progress.yearTab', { year: p().year })}</p>
        <h1>{p().title}</h1>
        <p class="pj-card-tags">
          <HealthTag health={p().health} />
          <span class="muted">
            {p().leadDepartment}
            <Show when={p().coDepartments.length > 0}>{t('list.separator')}{p().coDepartments.join(t('list.separator'))}</Show>
          </span>
        </p>
      </header>

      <section class="pj-public-status" aria-label={t('progress.status')}>
        <ProgressBar derived={p().derivedProgress} reported={p().reportedProgress} health={p().health} big resident />
        <dl class="pj-public-facts">
          <div>
            <dt>{t('progress.money')}</dt>
            <dd>
              <Spending spent={p().spentInvestment} planned={p().plannedInvestment} />
            </dd>
          </div>
          <div>
            <dt>{p().completedOn ? t('progress.completedOn') : t('progress.plannedCompletion')}</dt>
            <dd class="num">{fmt.date(p().completedOn ?? p().plannedCompletion)}</dd>
          </div>
          <Show when={p().decision}>
            {(dc) => (
              <div class="pj-decision">
                <dt>{t('decision.project.label')}</dt>
                <dd>
                  <A href={`/r/${congressId}/decisions/${dc().motionId}`}>{t('decision.project.line', { title: dc().title, date: fmt.date(dc().adoptedAt) })}</A>
                </dd>
              </div>
            )}
          </Show>
        </dl>
      </section>

      <Show when={p().evaluation?.grade ? p().evaluation : null}>
        {(e) => (
          <p class="pj-public-grade">
            {t('progress.evaluation', { round: e().roundTitle })}
            <span class={`tag ${GRADE_CLASS[e().grade!]}`}>{t(`progress.grade.${e().grade!}`)}</span>
          </p>
        )}
      </Show>

      <Show when={p().content || p().expectedOutcome}>
        <section class="pj-public-section" aria-labelledby="pp-what">
          <h2 id="pp-what">{t('progress.what')}</h2>
          <Show when={p().content}>
            <p class="pj-pre">{p().content}</p>
          </Show>
          <Show when={p().expectedOutcome}>
            <p class="pj-pre">
              <strong>{t('progress.outcome')}</strong>
              {p().expectedOutcome}
            </p>
          </Show>
        </section>
      </Show>

      <Show when={p().announcements.length > 0}>
        <section class="pj-public-section" aria-labelledby="pp-ann">
          <h2 id="pp-ann">{t('progress.announcements')}</h2>
          <ul class="pj-announcements">
            <For each={p().announcements}>
              {(a) => (
                <li classList={{ rejected: !a.approved }}>
                  <p>
                    <strong>{changeKindLabel(a.kind)}</strong> · {a.approved ? t('progress.approved') : t('progress.rejected')}
                    <span class="muted small block">
                      {t('progress.decidedOn', { date: fmt.date(a.decisionDate) })}
                      <Show when={a.announcementDate}> · {t('progress.announcedOn', { date: fmt.date(a.announcementDate!) })}</Show>
                    </span>
                  </p>
                  <p class="pj-pre">{a.reason}</p>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>

      <section class="pj-public-section" aria-labelledby="pp-ms">
        <h2 id="pp-ms">{t('progress.milestones')}</h2>
        <Show when={p().milestones.length > 0} fallback={<p class="muted">{t('progress.noMilestones')}</p>}>
          <ol class="timeline pj-public-timeline">
            <For each={p().milestones}>
              {(m) => (
                <li class={`tl-step ${m.status === 'done' ? 'tl-done' : m.late ? 'tl-bad' : m.status === 'in_progress' ? 'tl-current' : 'tl-muted'}`}>
                  <span class="tl-dot" aria-hidden="true" />
                  <div class="tl-body">
                    <p class="tl-title">{m.name}</p>
                    <p class="tl-date">
                      <Show when={m.status === 'done' && m.actualDate} fallback={<>{t('projects.milestone.plannedOn', { date: fmt.date(m.plannedDate) })} · {milestoneStatusLabel(m.status)}</>}>
                        {t('projects.milestone.doneOn', { date: fmt.date(m.actualDate!) })}
                      </Show>
                      <Show when={m.late}>
                        {' · '}
                        <span class="pj-bad">{t('progress.late')}</span>
                      </Show>
                    </p>
                  </div>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </section>

      <Show when={p().photos.length > 0}>
        <section class="pj-public-section" aria-labelledby="pp-photos">
          <h2 id="pp-photos">{t('progress.photos', { n: p().photos.length })}</h2>
          <ul class="pj-public-photos">
            <For each={p().photos}>
              {(ph) => (
                <li>
                  {/* The caption names the link (the photo beside it would only say it again); without one, the photo does. */}
                  <a href={publicFileUrl(ph.id)} target="_blank" rel="noopener">
                    <img src={publicFileUrl(ph.id)} alt={ph.caption || ph.milestone ? '' : p().title} loading="lazy" />
                    <Show when={ph.caption || ph.milestone}>
                      <span class="pj-photo-caption">{ph.caption || ph.milestone}</span>
                    </Show>
                  </a>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>

      <section class="pj-public-section" aria-labelledby="pp-updates">
        <h2 id="pp-updates">{t('progress.updates')}</h2>
        <Show when={p().updates.length > 0} fallback={<p class="muted">{t('progress.noUpdates')}</p>}>
          <ol class="pj-public-updates">
            <For each={p().updates}>
              {(u) => (
                <li>
                  <p class="muted small">
                    {fmt.date(u.at)}
                    <Show when={u.progressPercent !== null}> · {t('progress.reported', { n: pct(u.progressPercent) })}</Show>
                  </p>
                  <p class="pj-pre">{u.summary}</p>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </section>
    </article>
  );
}
