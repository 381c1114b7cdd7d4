import { A, useLocation } from '@solidjs/router';
import { createEffect, createResource, For, on, Show } from 'solid-js';
import type { WorkItem } from '../../../shared/home/schema.ts';
import { fmt, t, type MessageKey } from '../i18n.ts';
import { fetchWork } from './work.data.ts';

/**
 * 我的待办: each item one link (the whole row, a finger-sized target) with what to do, the object's name, its due
 * date, and 已逾期 in words (not only the red edge).
 */
export function WorkList(props: { congressId?: string }) {
  const [work] = createResource(fetchWork);
  const items = () => (work.latest?.items ?? []).filter((i) => !props.congressId || i.congressId === props.congressId);
  /** The congress's name on each item only when they come from more than one. */
  const manyCongresses = () => new Set(items().map((i) => i.congressId)).size > 1;
  return (
    <section class="card work-list" aria-labelledby="work-title">
      <h2 id="work-title">{t('work.title')}</h2>
      <Show when={!work.error} fallback={<p class="muted">{t('work.error')}</p>}>
        <Show when={work.latest} fallback={<p class="muted" aria-busy="true">…</p>}>
          <Show when={items().length > 0} fallback={<p class="muted">{t('work.empty')}</p>}>
            <ul class="work-items">
              <For each={items()}>{(i) => <WorkRow item={i} showCongress={manyCongresses()} />}</For>
            </ul>
          </Show>
        </Show>
      </Show>
    </section>
  );
}

function WorkRow(props: { item: WorkItem; showCongress: boolean }) {
  const i = () => props.item;
  const detail = () => i().name ?? (i().count !== null ? t('work.count', { n: i().count! }) : null);
  return (
    <li class="work-item" data-kind={i().kind} data-overdue={i().overdue ? 'true' : undefined}>
      <A href={i().href} class="work-link">
        <span class="work-kind">{t(`work.kind.${i().kind}` as MessageKey, { year: i().year ?? '' })}</span>
        <Show when={detail()}>{(d) => <span class="work-name">{d()}</span>}</Show>
        <Show when={i().dueOn || i().overdue || props.showCongress}>
          <span class="work-meta">
            <Show when={i().overdue}>
              <span class="tag tag-bad">{t('work.overdue')}</span>
            </Show>
            <Show when={i().dueOn}>{(d) => <span class="work-due">{t('work.due', { date: fmt.date(d()) })}</span>}</Show>
            <Show when={props.showCongress}>
              <span class="work-congress">{i().congressName}</span>
            </Show>
          </span>
        </Show>
      </A>
    </li>
  );
}

/** The count in the header: a link home, labelled in words ("3 件待办"); asked again after each move to another page. */
export function WorkBadge() {
  const location = useLocation();
  const [work, { refetch }] = createResource(fetchWork);
  createEffect(on(() => location.pathname, () => void refetch(), { defer: true }));
  // A failed read leaves the header as it was (reading an errored resource would throw and take the page down).
  const count = () => (work.error ? 0 : (work.latest?.count ?? 0));
  const label = () => t('work.badge', { n: count() });
  return (
    <Show when={count() > 0}>
      <A href="/" class="work-badge" aria-label={label()} title={label()}>
        <span class="work-badge-n">{count()}</span>
        <span class="work-badge-word"> {t('work.badgeWord', { n: count() })}</span>
      </A>
    </Show>
  );
}
