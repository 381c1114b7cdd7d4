import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { CreateKiosk, type KioskKind, type KioskState } from '../../../shared/kiosk/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction, Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { SelectField, TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { fetchSession } from '../hall/hall.data.ts';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { createKiosk, fetchKiosks, revokeKiosk, type KioskCreated, type KioskSummary } from './kiosk.data.ts';
import './kiosk.css';

const KINDS: KioskKind[] = ['check_in', 'ballot'];
const HOURS = [2, 4, 8, 12] as const;
const STATE_TAG: Record<KioskState, string> = { waiting: 'tag-warn', active: 'tag-ok', unused: 'tag-muted', expired: 'tag-muted', revoked: 'tag-muted', left: 'tag-muted' };

/**
 * 设置签到/投票平板 — on the staff's own screen: make a one-time set-up QR for a tablet (check-in desk or voting tablet),
 * watch it become active when the tablet scans it, and revoke any tablet of the session.
 */
export default function KiosksPage() {
  const { id } = useCongress();
  const params = useParams<{ sessionId: string }>();
  const [session] = createResource(() => ({ c: id(), s: params.sessionId }), (k) => fetchSession(k.c, k.s));
  const [list, { refetch }] = createResource(() => ({ c: id(), s: params.sessionId }), (k) => fetchKiosks(k.c, k.s));
  const [made, setMade] = createSignal<KioskCreated | null>(null);
  // While a link waits for its tablet, the list is asked again every 3 seconds, so staff see it turn 「使用中」.
  const poll = window.setInterval(() => {
    if (document.visibilityState === 'visible' && latest(list)?.some((k) => k.state === 'waiting')) void refetch();
  }, 3000);
  onCleanup(() => window.clearInterval(poll));

  const revoke = (k: KioskSummary) =>
    confirmAction({
      title: t('kiosk.revoke.title', { label: k.label }),
      message: t('kiosk.revoke.text'),
      confirmLabel: t('kiosk.revoke'),
      danger: true,
      action: async () => {
        await revokeKiosk(id(), params.sessionId, k.id);
        toast(t('kiosk.revoke.done', { label: k.label }));
        await refetch();
      },
    });

  return (
    <Show when={can(id(), 'kiosk.manage')} fallback={<NoAccess />}>
      <PageHeader
        kicker={<A href={`/c/${id()}/sessions/${params.sessionId}`}>← {latest(session)?.name ?? t('session.title')}</A>}
        title={t('kiosk.setup.title')}
        lead={t('kiosk.setup.lead')}
      />
      <div class="kiosk-setup">
        <section class="card" aria-labelledby="kiosk-new">
          <h2 id="kiosk-new">{t('kiosk.new.title')}</h2>
          <NewKioskForm
            congressId={id()}
            sessionId={params.sessionId}
            onDone={(m) => {
              setMade(m);
              toast(t('kiosk.created', { label: m.kiosk.label }));
              void refetch();
            }}
          />
        </section>
        <section aria-labelledby="kiosk-list">
          <div class="section-head">
            <h2 id="kiosk-list">{t('kiosk.list.title')}</h2>
            <Button onClick={() => void refetch()}>{t('kiosk.list.refresh')}</Button>
          </div>
          <Async resource={list} retry={refetch}>
            {(rows) => (
              <Table
                caption={t('kiosk.list.title')}
                rows={rows}
                empty={<EmptyState title={t('kiosk.list.empty')}>{t('kiosk.list.emptyNext')}</EmptyState>}
                columns={[
                  {
                    header: () => t('kiosk.list.name'),
                    noLabel: true,
                    cell: (k: KioskSummary) => (
                      <>
                        <strong>{k.label}</strong>
                        <span class="muted small block">{t(`kiosk.kind.${k.kind}`)}</span>
                        <Show when={k.createdBy}>
                          <span class="muted small block">{t('kiosk.list.setBy', { name: k.createdBy!, time: fmt.dateTime(k.createdAt) })}</span>
                        </Show>
                      </>
                    ),
                  },
                  {
                    header: () => t('kiosk.list.state'),
                    cell: (k: KioskSummary) => (
                      <>
                        <span class={`tag ${STATE_TAG[k.state]}`}>{t(`kiosk.state.${k.state}`)}</span>
                        <Show when={k.endedAt && k.endedBy}>
                          <span class="muted small block">{t('kiosk.list.endedBy', { name: k.endedBy!, time: fmt.dateTime(k.endedAt!) })}</span>
                        </Show>
                      </>
                    ),
                  },
                  { header: () => t('kiosk.list.until'), class: 'nowrap', cell: (k: KioskSummary) => <span class="num">{fmt.dateTime(k.expiresAt)}</span> },
                  {
                    header: () => '',
                    noLabel: true,
                    cell: (k: KioskSummary) => (
                      <Show when={k.state === 'active' || k.state === 'waiting'}>
                        <Button variant="danger" onClick={() => void revoke(k)} aria-label={t('kiosk.revoke.label', { label: k.label })}>
                          {t('kiosk.revoke')}
                        </Button>
                      </Show>
                    ),
                  },
                ]}
              />
            )}
          </Async>
        </section>
      </div>
      <Dialog open={!!made()} onClose={() => setMade(null)} title={made() ? t('kiosk.qr.title', { label: made()!.kiosk.label }) : ''}>
        <Show when={made()}>{(m) => <EnrolQr made={m()} onDone={() => setMade(null)} />}</Show>
      </Dialog>
    </Show>
  );
}

function NewKioskForm(props: { congressId: string; sessionId: string; onDone: (m: KioskCreated) => void }) {
  const form = createFormState();
  const [kind, setKind] = createSignal<KioskKind>('check_in');
  const [label, setLabel] = createSignal('');
  const [until, setUntil] = createSignal('session');
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(CreateKiosk, { kind: kind(), label: label(), hours: until() === 'session' ? null : Number(until()) });
    if (!input) return;
    const done = await form.run(() => createKiosk(props.congressId, props.sessionId, input), ['kind', 'label', 'hours']);
    if (done) {
      setLabel('');
      props.onDone(done.value);
    }
  };
  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <fieldset class="field choices">
        <legend>{t('kiosk.form.kind')}</legend>
        <div class="choice-grid">
          <For each={KINDS}>
            {(k) => (
              <label class="choice" classList={{ on: kind() === k }}>
                <input type="radio" name="kiosk-kind" value={k} checked={kind() === k} onChange={() => setKind(k)} />
                <span class="choice-text">
                  <span class="choice-title">{t(`kiosk.kind.${k}`)}</span>
                  <span class="choice-hint">{t(`kiosk.kind.${k}.hint`)}</span>
                </span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <TextField label={t('kiosk.form.label')} hint={t('kiosk.form.labelHint')} value={label()} onValue={setLabel} error={form.error('label')} maxlength={40} required />
      <SelectField
        label={t('kiosk.form.until')}
        value={until()}
        onValue={setUntil}
        error={form.error('hours')}
        options={[{ value: 'session', label: t('kiosk.until.sessionEnd') }, ...HOURS.map((n) => ({ value: String(n), label: t('kiosk.until.hours', { n }) }))]}
      />
      <Button type="submit" variant="primary" busy={form.busy()}>
        {t('kiosk.form.submit')}
      </Button>
    </form>
  );
}

/** The set-up QR and its link, for the tablet to scan; they work once, for ten minutes. */
function EnrolQr(props: { made: KioskCreated; onDone: () => void }) {
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(props.made.qrSvg)}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.made.enrolUrl);
      toast(t('kiosk.qr.copied'));
    } catch {
      // the link stays selectable on the page
    }
  };
  return (
    <div class="kiosk-qr">
      <img class="kiosk-qr-img" src={src} alt={t('kiosk.qr.alt', { label: props.made.kiosk.label })} width="280" height="280" />
      <p>{t('kiosk.qr.lead', { time: fmt.dateTime(props.made.kiosk.enrolBefore) })}</p>
      <p class="kiosk-qr-warn" role="note">
        {t('kiosk.qr.warn')}
      </p>
      <label class="block" for="kiosk-link">
        {t('kiosk.qr.link')}
      </label>
      <input id="kiosk-link" class="mono kiosk-qr-link" readonly value={props.made.enrolUrl} onFocus={(e) => e.currentTarget.select()} />
      <div class="dialog-actions">
        <Button onClick={() => void copy()}>{t('kiosk.qr.copy')}</Button>
        <Button variant="primary" onClick={() => props.onDone()}>
          {t('kiosk.qr.done')}
        </Button>
      </div>
    </div>
  );
}
