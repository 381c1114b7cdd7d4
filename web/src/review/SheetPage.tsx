import { A, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import type { SheetItem } from '../../../shared/review/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { TextAreaField, TextField } from '../components/Field.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t, type MessageKey } from '../i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { RequireSession } from '../layout/RequireSession.tsx';
import { can } from '../session.ts';
import { thisMonth } from './parts.tsx';
import { fetchSheet, paths, saveMeeting, type Sheet } from './review.data.ts';
import './review.css';

/**
 * 集中研判: the monthly review sheet on A4 — this month's intake, the open, overdue and unsatisfied items by department,
 * the lists of overdue and unsatisfied items, and the meeting's decisions; staff record the meeting above the sheet.
 */
export default function SheetPage() {
  return (
    <RequireSession>
      <SheetView />
    </RequireSession>
  );
}

function SheetView() {
  const params = useParams<{ congressId: string }>();
  const [search, setSearch] = useSearchParams<{ month?: string }>();
  const month = () => (/^\d{4}-(0[1-9]|1[0-2])$/.test(search.month ?? '') ? search.month! : thisMonth());
  const [data, { refetch, mutate }] = createResource(() => ({ c: params.congressId, m: month() }), (s) => fetchSheet(s.c, s.m));
  usePageTitle(() => t('review.sheet.name', { month: month() }));
  return (
    <div class="print-page rv-print-page">
      <header class="print-toolbar no-print">
        <div class="print-toolbar-inner">
          <A href={paths.review(params.congressId)} class="btn btn-ghost">
            ← {t('review.back')}
          </A>
          <div class="print-title">
            <h1>{t('review.sheet.title')}</h1>
            <p class="muted">{t('review.sheet.name', { month: month() })}</p>
          </div>
          <div class="print-tools">
            <label>
              <span class="sr-only">{t('review.sheet.month')}</span>
              <input type="month" value={month()} onChange={(e) => /^\d{4}-\d{2}$/.test(e.currentTarget.value) && setSearch({ month: e.currentTarget.value })} />
            </label>
            <LangSwitch />
            <Button variant="primary" onClick={() => window.print()} disabled={!data.latest}>
              {t('review.printNow')}
            </Button>
          </div>
        </div>
      </header>
      <main id="main">
        <Async resource={data} retry={refetch} loadingText={t('review.loading')}>
          {(s) => (
            <>
              <Show when={can(params.congressId, 'review.manage')}>
                <MeetingForm congressId={params.congressId} sheet={s} onSaved={(m) => mutate({ ...s, meeting: m })} />
              </Show>
              <Paper s={s} />
            </>
          )}
        </Async>
      </main>
    </div>
  );
}

function MeetingForm(props: { congressId: string; sheet: Sheet; onSaved: (m: NonNullable<Sheet['meeting']>) => void }) {
  const f = createFormState();
  const [heldOn, setHeldOn] = createSignal('');
  const [attendees, setAttendees] = createSignal('');
  const [decisions, setDecisions] = createSignal('');
  createEffect(() => {
    const m = props.sheet.meeting;
    setHeldOn(m?.heldOn ?? (props.sheet.asOf < props.sheet.monthEnd ? props.sheet.asOf : props.sheet.monthEnd));
    setAttendees(m?.attendees ?? '');
    setDecisions(m?.decisions ?? '');
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    const done = await f.run(() => saveMeeting(props.congressId, { month: props.sheet.month, heldOn: heldOn(), attendees: attendees(), decisions: decisions() }), ['heldOn', 'attendees', 'decisions']);
    if (done) {
      props.onSaved(done.value);
      toast(t('review.meeting.saved'));
    }
  };
  return (
    <form class="card rv-meeting no-print" onSubmit={submit} aria-labelledby="rv-meeting-title">
      <h2 id="rv-meeting-title">{t('review.meeting.title', { month: props.sheet.month })}</h2>
      <FormError error={f.formError()} />
      <TextField label={t('review.meeting.heldOn')} type="date" value={heldOn()} onValue={setHeldOn} error={f.error('heldOn')} required />
      <TextField label={t('review.meeting.attendees')} value={attendees()} onValue={setAttendees} error={f.error('attendees')} />
      <TextAreaField label={t('review.meeting.decisions')} value={decisions()} onValue={setDecisions} error={f.error('decisions')} rows={5} required />
      <Button type="submit" variant="primary" busy={f.busy()}>
        {t('review.meeting.save')}
      </Button>
    </form>
  );
}

function ItemsList(props: { rows: SheetItem[]; title: string; limit: number }) {
  return (
    <section class="rv-block">
      <h3>{props.title}</h3>
      <Show when={props.rows.length > 0} fallback={<p>{t('review.sheet.nothing')}</p>}>
        <table class="rv-table compact">
          <thead>
            <tr>
              <th scope="col">{t('review.sheet.code')}</th>
              <th scope="col">{t('review.sheet.item')}</th>
              <th scope="col">{t('review.col.department')}</th>
              <th scope="col">{t('review.sheet.received2')}</th>
              <th scope="col">{t('review.sheet.due')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(i) => (
                <tr>
                  <td class="nowrap">{i.trackingCode}</td>
                  <td>
                    {i.title}
                    <Show when={i.keyItem}>
                      <span class="rv-tag">{t('review.sheet.key')}</span>
                    </Show>
                    <Show when={i.round > 1}>
                      <span class="rv-tag">{t('review.sheet.round2')}</span>
                    </Show>
                    <span class="rv-sub">{t(`item.category.${i.category}` as MessageKey)}</span>
                  </td>
                  <td>{i.departmentName || t('review.noDepartment')}</td>
                  <td class="nowrap">{fmt.date(i.receivedOn)}</td>
                  <td class="nowrap">{i.dueOn ? fmt.date(i.dueOn) : '—'}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={props.rows.length >= props.limit}>
          <p class="rv-foot">{t('review.sheet.limit', { n: props.limit })}</p>
        </Show>
      </Show>
    </section>
  );
}

function Paper(props: { s: Sheet }) {
  const s = () => props.s;
  const sum = (k: 'open' | 'overdue' | 'unsatisfied') => s().byDepartment.reduce((n, d) => n + d[k], 0);
  return (
    <article class="rv-sheet" aria-label={t('review.sheet.name', { month: s().month })}>
      <header class="rv-sheet-head">
        <p class="rv-congress">{s().congress.name}</p>
        <h2>{t('review.sheet.name', { month: s().month })}</h2>
        <p class="rv-meta">{t('review.sheet.asOf', { date: fmt.date(s().asOf) })}</p>
      </header>
      <section class="rv-block">
        <h3>{t('review.sheet.byDepartment')}</h3>
        <table class="rv-table compact">
          <thead>
            <tr>
              <th scope="col">{t('review.col.department')}</th>
              <th scope="col" class="num">{t('review.sheet.received')}</th>
              <th scope="col" class="num">{t('review.sheet.openCount')}</th>
              <th scope="col" class="num">{t('review.sheet.overdueCount')}</th>
              <th scope="col" class="num">{t('review.sheet.unsatisfiedCount')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={s().byDepartment} fallback={<tr><td colSpan={5}>{t('review.sheet.nothing')}</td></tr>}>
              {(d) => (
                <tr>
                  <th scope="row">{d.id ? d.name : t('review.noDepartment')}</th>
                  <td class="num">{d.received}</td>
                  <td class="num">{d.open}</td>
                  <td class="num" classList={{ bad: d.overdue > 0 }}>{d.overdue}</td>
                  <td class="num" classList={{ bad: d.unsatisfied > 0 }}>{d.unsatisfied}</td>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('review.total')}</th>
              <td class="num">{s().received}</td>
              <td class="num">{sum('open')}</td>
              <td class="num">{sum('overdue')}</td>
              <td class="num">{sum('unsatisfied')}</td>
            </tr>
          </tfoot>
        </table>
      </section>
      <ItemsList rows={s().overdue} title={t('review.sheet.overdueList')} limit={s().listLimit} />
      <ItemsList rows={s().unsatisfied} title={t('review.sheet.unsatisfiedList')} limit={s().listLimit} />
      <section class="rv-block rv-decisions">
        <h3>{t('review.sheet.meeting')}</h3>
        <Show when={s().meeting} fallback={<p class="rv-blank">{t('review.sheet.noMeeting')}</p>}>
          {(m) => (
            <dl class="rv-meeting-record">
              <dt>{t('review.meeting.heldOn')}</dt>
              <dd>{fmt.date(m().heldOn)}</dd>
              <dt>{t('review.meeting.attendees')}</dt>
              <dd>{m().attendees || '—'}</dd>
              <dt>{t('review.meeting.decisions')}</dt>
              <dd class="rv-pre">{m().decisions}</dd>
            </dl>
          )}
        </Show>
      </section>
    </article>
  );
}
