import { A, useParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, Show } from 'solid-js';
import * as D from '../../../shared/ballot/decision-contract.ts';
import * as B from '../../../shared/ballot/contract.ts';
import { ApiError, call } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { TextAreaField, TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { DecisionDocument } from './DecisionPrintPage.tsx';
import './decision.css';
import './hall.css';

type Decision = Awaited<ReturnType<typeof call<typeof D.getDecision>>>;

const STATE_TAG: Record<Decision['state'], string> = { draft: 'tag-muted', on_sitting: 'tag-warn', voting: 'tag-ok', closed: 'tag-muted', adopted: 'tag-ok', failed: 'tag-bad' };

export function DecisionStateTag(props: { state: Decision['state'] }) {
  return <span class={`tag ${STATE_TAG[props.state]}`}>{t(`decision.state.${props.state}`)}</span>;
}

/**
 * /c/:congressId/decisions/:motionId — the decision on the livelihood projects, drafted from a published project vote:
 * its text edited beside a preview of the document, the sitting it is put to, and once published the figures and
 * whether it was adopted. It is a motion of the session: the session page puts it on a sitting like any other.
 */
export default function DecisionPage() {
  const { id } = useCongress();
  const params = useParams<{ motionId: string }>();
  const [data, { refetch, mutate }] = createResource(() => ({ c: id(), m: params.motionId }), (k) => call(D.getDecision, { params: { congressId: k.c, motionId: k.m } }));
  return (
    <Show when={can(id(), 'ballot.read')} fallback={<NoAccess />}>
      <div class="decision-page">
        <PageHeader
          kicker={<Show when={latest(data)}>{(d) => <A href={`/c/${id()}/sessions/${d().sessionId}`}>← {d().session.name}</A>}</Show>}
          title={latest(data)?.title ?? t('decision.title')}
          actions={<Show when={latest(data)}>{(d) => <DecisionStateTag state={d().state} />}</Show>}
        />
        <Async resource={data} retry={refetch}>
          {(d) => <DecisionView d={d} congressId={id()} onSaved={(nd) => mutate(nd)} />}
        </Async>
      </div>
    </Show>
  );
}

function DecisionView(props: { d: Decision; congressId: string; onSaved: (d: Decision) => void }) {
  const d = () => props.d;
  const [title, setTitle] = createSignal(d().title);
  const [body, setBody] = createSignal(d().body);
  const [saving, setSaving] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  createEffect(() => {
    setTitle(props.d.title);
    setBody(props.d.body);
  });
  const editable = () => (d().state === 'draft' || d().state === 'on_sitting') && can(props.congressId, 'ballot.votes.manage');
  const changed = () => title().trim() !== d().title || body().trim() !== d().body;
  const base = () => `/c/${props.congressId}`;

  async function save(e: Event) {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await call(B.updateMotion, { params: { congressId: props.congressId, sessionId: d().sessionId, motionId: d().motionId }, body: { title: title().trim(), body: body().trim() } });
      props.onSaved(await call(D.getDecision, { params: { congressId: props.congressId, motionId: d().motionId } }));
      toast(t('decision.saved'));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <dl class="decision-facts">
        <dt>{t('decision.decides')}</dt>
        <dd>
          <A href={`${base()}/sessions/${d().sessionId}/votes/${d().decidesVoteId}`}>{d().decidesVoteTitle}</A>
        </dd>
        <dt>{t('decision.sitting')}</dt>
        <dd>
          <Show when={d().sitting} fallback={<span class="muted">{t('decision.state.draft')}</span>}>
            {(s) => <A href={`${base()}/sessions/${s().sessionId}/votes/${s().voteId}`}>{s().title}</A>}
          </Show>
        </dd>
        <Show when={d().figures}>
          {(f) => (
            <>
              <dt>{t('decision.public.result')}</dt>
              <dd>
                <span class={`tag ${f().passed ? 'tag-ok' : 'tag-bad'}`}>{t(f().passed ? 'decision.state.adopted' : 'decision.state.failed')}</span>{' '}
                {t('decision.figures', { for: f().for, against: f().against, abstain: f().abstain, threshold: f().threshold })}
                <span class="muted"> · {t('decision.figures.totals', { seated: f().seated, present: f().present, cast: f().cast })}</span>
              </dd>
            </>
          )}
        </Show>
        <Show when={d().adoptedAt}>
          {(at) => (
            <>
              <dt>{t('decision.state.adopted')}</dt>
              <dd>{t('decision.adoptedAt', { time: fmt.dateTime(at()) })}</dd>
            </>
          )}
        </Show>
      </dl>

      <Show when={d().state === 'draft'}>
        <Alert kind="info" title={t('decision.sitting.none')}>
          <A href={`${base()}/sessions/${d().sessionId}`} class="btn btn-secondary btn-sm">
            {t('decision.toSession')}
          </A>
        </Alert>
      </Show>
      <Show when={d().state === 'failed'}>
        <Alert kind="warning" title={t('decision.failedNote')} />
      </Show>

      <div class="decision-work">
        <Show when={editable()} fallback={<Show when={d().state !== 'adopted' && d().state !== 'failed'}><Alert kind="info" title={t('decision.locked')} /></Show>}>
          <form class="card" onSubmit={save} aria-label={t('decision.edit')}>
            <h2>{t('decision.edit')}</h2>
            <TextField label={t('decision.field.title')} value={title()} onValue={setTitle} maxLength={200} required />
            <TextAreaField label={t('decision.field.body')} hint={t('decision.field.bodyHint')} value={body()} onValue={setBody} rows={16} maxLength={20000} />
            <Show when={error()}>{(m) => <Alert kind="error" title={m()} />}</Show>
            <div class="decision-actions">
              <Button type="submit" variant="primary" busy={saving()} disabled={!changed() || !title().trim()}>
                {t('decision.save')}
              </Button>
            </div>
          </form>
        </Show>
        <section aria-labelledby="decision-preview-title">
          <h2 id="decision-preview-title">{t('decision.preview')}</h2>
          <div class="decision-preview">
            <DecisionDocument title={editable() ? title() : d().title} body={editable() ? body() : d().body} adoptionLine={d().adoptionLine} />
          </div>
          <div class="decision-actions">
            <A href={`${base()}/decisions/${d().motionId}/print`} class="btn btn-secondary">
              {t('decision.printView')}
            </A>
            <Show when={d().state === 'adopted'}>
              <A href={`/r/${props.congressId}/decisions/${d().motionId}`} class="btn btn-ghost">
                {t('decision.publicPage')}
              </A>
            </Show>
          </div>
        </section>
      </div>
    </>
  );
}
