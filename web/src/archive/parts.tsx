/**
 * One representative's duty archive as every page shows it (the office's page, the representative's own on a phone,
 * the A4 print): the figures, the points line by line, and the records behind them. Words for the codes come from
 * the stages that own them (attendance, reception kinds, item states, proposal states, the three grades).
 */
import { For, Show, type JSX } from 'solid-js';
import { COUNT_KEYS, type CountKey } from '../../../shared/archive/schema.ts';
import { shanghaiYear } from '../../../shared/time.ts';
import { fmt, t, type MessageKey } from '../i18n.ts';
import type { Archive, Entry } from './archive.data.ts';

export const thisYear = () => shanghaiYear();
/** The years offered: this one and the four before (an archive is read for the past). */
export const yearChoices = () => Array.from({ length: 5 }, (_, i) => thisYear() - i);
export const yearOf = (s: string | undefined) => (/^\d{4}$/.test(s ?? '') ? Number(s) : thisYear());

export const countWord = (k: CountKey) => t(`archive.count.${k}` as MessageKey);
const points = (n: number) => (n > 0 ? `+${n}` : String(n));

/** A year picker (a plain select: big enough to touch, read by screen readers). */
export function YearPicker(props: { year: number; onYear: (y: number) => void }) {
  return (
    <label class="ar-year">
      <span>{t('archive.year')}</span>
      <select value={props.year} onChange={(e) => props.onYear(Number(e.currentTarget.value))}>
        <For each={yearChoices()}>{(y) => <option value={y}>{y}</option>}</For>
      </select>
    </label>
  );
}

/** The figures as a grid of labelled numbers, then the points: each event, how many times, the points each, the product. */
export function Figures(props: { a: Archive }) {
  return (
    <section class="ar-block" aria-labelledby="ar-figures">
      <h2 id="ar-figures">{t('archive.figures')}</h2>
      <dl class="ar-counts">
        <For each={COUNT_KEYS}>
          {(k) => (
            <div class="ar-count" data-key={k}>
              <dt>{countWord(k)}</dt>
              <dd class="num">{props.a.counts[k]}</dd>
            </div>
          )}
        </For>
      </dl>
      <h3 class="ar-points-title">
        {t('archive.points')} <span class="ar-total num">{t('archive.pointsTotal', { n: props.a.points.total })}</span>
      </h3>
      <table class="ar-table ar-points">
        <tbody>
          <For each={props.a.points.lines}>
            {(l) => (
              <tr classList={{ 'ar-zero': l.count === 0 }}>
                <th scope="row">{t(`archive.event.${l.event}` as MessageKey)}</th>
                <td class="num">{t('archive.pointLine', { count: l.count, each: l.each, points: l.points })}</td>
                <td class="num ar-pts" classList={{ neg: l.points < 0 }}>
                  {points(l.points)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}

function Section(props: { title: string; count: number; children: JSX.Element }) {
  return (
    <section class="ar-block">
      <h2>
        {props.title} <span class="muted num">（{props.count}）</span>
      </h2>
      <Show when={props.count > 0} fallback={<p class="muted">{t('archive.none')}</p>}>
        {props.children}
      </Show>
    </section>
  );
}

function Rows<T>(props: { head: string[]; rows: T[]; cells: (r: T) => JSX.Element[] }) {
  return (
    <div class="ar-table-wrap">
      <table class="ar-table ar-records">
        <thead>
          <tr>
            <For each={props.head}>{(h) => <th scope="col">{h}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(r) => (
              <tr>
                <For each={props.cells(r)}>{(c, i) => <td data-label={props.head[i()]}>{c}</td>}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

const attendanceWord = (s: Archive['sessions'][number]['status']) => t(s === 'unrecorded' ? 'archive.session.unrecorded' : (`attendance.${s}` as MessageKey));
const tagOf = (s: string) => (s === 'present' || s === 'held' ? 'tag-ok' : s === 'absent' || s === 'missed' ? 'tag-bad' : s === 'leave' ? 'tag-warn' : 'tag-muted');
export const ratingWord = (r: Entry['rating']) => (r ? t(`item.grade.${r}` as MessageKey) : t('archive.entries.noRating'));

/** Every record behind the figures, section by section. `entryActions` adds the office's edit/delete to an entry. */
export function Records(props: { a: Archive; congressId: string; linkItems?: boolean; entryActions?: (e: Entry) => JSX.Element }) {
  const a = () => props.a;
  return (
    <>
      <Section title={t('archive.section.sessions')} count={a().sessions.length}>
        <Rows
          head={[t('archive.col.date'), t('archive.col.session'), t('archive.col.attendance')]}
          rows={a().sessions}
          cells={(s) => [<span class="num nowrap">{fmt.date(s.date)}</span>, s.name, <span class={`tag ${tagOf(s.status)}`}>{attendanceWord(s.status)}</span>]}
        />
        <Show when={a().counts.sessionUnrecorded > 0}>
          <p class="hint">{t('archive.unrecordedNote')}</p>
        </Show>
      </Section>
      <Section title={t('archive.section.duties')} count={a().duties.length}>
        <Rows
          head={[t('archive.col.date'), t('archive.col.station'), t('archive.col.kind'), t('archive.col.state')]}
          rows={a().duties}
          cells={(d) => [<span class="num nowrap">{fmt.date(d.day)}</span>, d.station, t(`reception.kind.${d.kind}` as MessageKey), <span class={`tag ${tagOf(d.state)}`}>{t(`archive.duty.${d.state}` as MessageKey)}</span>]}
        />
      </Section>
      <Section title={t('archive.section.receptions')} count={a().receptions.length}>
        <Rows
          head={[t('archive.col.date'), t('archive.col.station'), t('archive.col.kind'), t('archive.col.theme'), t('archive.col.visitors')]}
          rows={a().receptions}
          cells={(r) => [<span class="num nowrap">{fmt.date(r.heldOn)}</span>, r.station, t(`reception.kind.${r.kind}` as MessageKey), r.theme || '—', <span class="num">{r.visitors}</span>]}
        />
      </Section>
      <Section title={t('archive.section.items')} count={a().items.length}>
        <Rows
          head={[t('archive.col.date'), t('archive.col.title'), t('archive.col.category'), t('archive.col.itemStatus')]}
          rows={a().items}
          cells={(i) => [
            <span class="num nowrap">{fmt.date(i.receivedOn)}</span>,
            props.linkItems ? <a href={`/c/${props.congressId}/items/${i.id}`}>{i.title}</a> : i.title,
            t(`item.category.${i.category}` as MessageKey),
            <>
              {t(`item.status.${i.status}` as MessageKey)}
              <Show when={i.answerClass}>{(c) => <span class="muted">（{t(`item.answerClass.${c()}` as MessageKey)}）</span>}</Show>
            </>,
          ]}
        />
      </Section>
      <Section title={t('archive.section.inspections')} count={a().inspections.length}>
        <Rows
          head={[t('archive.col.date'), t('archive.col.title'), t('archive.col.project')]}
          rows={a().inspections}
          cells={(i) => [<span class="num nowrap">{fmt.date(i.date)}</span>, i.title, i.project]}
        />
      </Section>
      <Section title={t('archive.section.proposals')} count={a().proposals.length}>
        <Rows
          head={[t('archive.col.date'), t('archive.col.title'), t('archive.col.proposalStatus')]}
          rows={a().proposals}
          cells={(p) => [<span class="num nowrap">{fmt.date(p.submittedOn)}</span>, p.title, t(`proposal.status.${p.status}` as MessageKey)]}
        />
      </Section>
      <section class="ar-block">
        <h2>{t('archive.section.evaluation')}</h2>
        <p>{t('archive.codesReceived', { n: a().counts.codesReceived })}</p>
      </section>
      <Section title={t('archive.section.entries')} count={a().entries.length}>
        <Rows
          head={[t('archive.col.date'), t('archive.col.kind'), t('archive.col.title'), t('archive.col.rating'), t('archive.col.note'), ...(props.entryActions ? [''] : [])]}
          rows={a().entries}
          cells={(e) => [
            <span class="num nowrap">{fmt.date(e.heldOn)}</span>,
            <span class="nowrap">{t(`archive.entry.kind.${e.kind}` as MessageKey)}</span>,
            e.title,
            <span class="nowrap">{e.kind === 'report' ? ratingWord(e.rating) : '—'}</span>,
            e.note || '—',
            ...(props.entryActions ? [props.entryActions(e)] : []),
          ]}
        />
      </Section>
    </>
  );
}
