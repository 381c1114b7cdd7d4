import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { fieldMessage } from '../../../shared/errors.ts';
import { PublicItem } from '../../../shared/stations/schema.ts';
import { ApiError } from '../api.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { TextAreaField, TextField } from '../components/Field.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { fmt, lang, t } from '../i18n.ts';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { fetchChallenge } from '../public/public.data.ts';
import { receptionKindLabel, stationKindLabel } from './labels.ts';
import { fetchPublicStation, submitStationItem, type PublicStation } from './stations.data.ts';
import '../public/public.css';
import './stations.css';

/**
 * /s/:stationId — a liaison station's own page, opened from the QR on its wall: who its representatives are, when
 * they receive people and who is on duty, and a short form to leave an opinion or suggestion (意见建议) without an
 * account; after sending, the tracking code to follow it on /t.
 */
export default function PublicStationPage() {
  const params = useParams<{ stationId: string }>();
  const [station, { refetch }] = createResource(() => params.stationId, fetchPublicStation);
  const [code, setCode] = createSignal<string | null>(null);
  usePageTitle(() => latest(station)?.name ?? t('station.public.title'));
  return (
    <PublicLayout wide class="resident" congress={latest(station) ? { name: latest(station)!.congressName } : null}>
      <Async resource={station} retry={refetch}>
        {(s) => (
          <>
            <header class="resident-head">
              <p class="kicker">{s.congressName}</p>
              <h1>{s.name}</h1>
              <p class="muted">{stationKindLabel(s.kind)}</p>
            </header>
            <Show when={code()} fallback={<StationInfo station={s} />}>
              {(c) => <Done code={c()} onAnother={() => setCode(null)} />}
            </Show>
            <Show when={!code()}>
              <ItemForm station={s} onDone={(c) => (setCode(c), window.scrollTo({ top: 0 }))} />
            </Show>
          </>
        )}
      </Async>
    </PublicLayout>
  );
}

function StationInfo(props: { station: PublicStation }) {
  const s = props.station;
  return (
    <div class="station-public">
      <dl class="facts">
        <Show when={s.address}>
          <dt>{t('stations.field.address')}</dt>
          <dd>{s.address}</dd>
        </Show>
        <Show when={s.contact}>
          <dt>{t('stations.field.contact')}</dt>
          <dd>
            <a href={`tel:${s.contact.replace(/[^\d+-]/g, '')}`}>{s.contact}</a>
          </dd>
        </Show>
        <Show when={s.receptionTimes}>
          <dt>{t('stations.field.receptionTimes')}</dt>
          <dd>{s.receptionTimes}</dd>
        </Show>
      </dl>
      <Show when={s.upcoming.length}>
        <section aria-labelledby="pub-days">
          <h2 id="pub-days">{t('station.public.upcoming')}</h2>
          <ul class="day-list">
            <For each={s.upcoming}>
              {(d) => (
                <li>
                  <strong class="num">{fmt.date(d.day)}</strong> <span class="tag">{receptionKindLabel(d.kind)}</span>
                  <Show when={d.theme}> {d.theme}</Show>
                  <Show when={d.duty.length}>
                    <span class="block muted">{t('station.public.onDuty', { names: d.duty.join('、') })}</span>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
      <Show when={s.representatives.length}>
        <section aria-labelledby="pub-reps">
          <h2 id="pub-reps">{t('station.public.representatives')}</h2>
          <ul class="rep-chips">
            <For each={s.representatives}>{(r) => <li>{r.name}</li>}</For>
          </ul>
        </section>
      </Show>
      <Show when={s.duties}>
        <details class="card explain">
          <summary>{t('stations.field.duties')}</summary>
          <p class="pre-line">{s.duties}</p>
        </details>
      </Show>
    </div>
  );
}

const FIELDS = ['category', 'title', 'content', 'place', 'submitterName', 'submitterContact', 'answer', 'challenge'];

function ItemForm(props: { station: PublicStation; onDone: (code: string) => void }) {
  const form = createFormState();
  const [category, setCategory] = createSignal('');
  const [title, setTitle] = createSignal('');
  const [content, setContent] = createSignal('');
  const [place, setPlace] = createSignal('');
  const [name, setName] = createSignal('');
  const [contact, setContact] = createSignal('');
  const [answer, setAnswer] = createSignal('');
  const [challenge, { refetch: newQuestion }] = createResource(fetchChallenge);
  let honeypot!: HTMLInputElement;
  const edit = (path: string, set: (v: string) => void) => (v: string) => {
    set(v);
    form.clearError(path);
  };
  const anotherQuestion = () => {
    setAnswer('');
    void newQuestion();
  };
  const question = () => {
    const q = latest(challenge)?.question;
    return q ? (lang() === 'en' ? q.en : q.zh) : '';
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values = {
      category: category() || undefined,
      title: title(),
      content: content(),
      place: place(),
      submitterName: name(),
      submitterContact: contact(),
      challenge: latest(challenge)?.token ?? '',
      answer: answer(),
      website: honeypot.value,
    };
    const input = form.check(PublicItem, values);
    const extra: Record<string, string> = {};
    if (!answer().trim()) extra.answer = fieldMessage('required', lang());
    if (!category()) extra.category = t('station.public.chooseCategory');
    if (!input || Object.keys(extra).length) {
      form.setErrors({ ...form.errors(), ...extra });
      form.setFormError({ message: t('submit.fixFields'), extra: [] });
      return;
    }
    const done = await form.run(() => submitStationItem(props.station.id, input), FIELDS);
    if (done) return props.onDone(done.value.trackingCode);
    const failure = form.lastError();
    const code = failure instanceof ApiError ? failure.code : null;
    if (code === 'challenge_failed') {
      form.setErrors({ ...form.errors(), answer: failure instanceof ApiError ? failure.message : '' });
      form.setFormError(null);
      setAnswer('');
    } else if (code !== 'too_fast' && code !== 'validation' && code !== 'rate_limited') anotherQuestion();
  };

  return (
    <form onSubmit={submit} novalidate class="resident-form station-form" aria-labelledby="pub-form">
      <h2 id="pub-form">{t('station.public.formTitle')}</h2>
      <p class="lead">{t('station.public.formLead')}</p>
      <fieldset class="field choices" classList={{ 'has-error': !!form.error('category') }}>
        <legend>
          {t('stations.item.category')}
          <span class="req" aria-hidden="true">
            {' '}*
          </span>
        </legend>
        <div class="choice-grid">
          <For each={props.station.categories}>
            {(c) => (
              <label class="choice" classList={{ on: category() === c }}>
                <input type="radio" name="category" value={c} checked={category() === c} onChange={() => edit('category', setCategory)(c)} />
                <span class="choice-title">{t(`item.category.${c}`)}</span>
              </label>
            )}
          </For>
        </div>
        <Show when={form.error('category')}>
          <p class="field-error">{form.error('category')}</p>
        </Show>
      </fieldset>
      <TextField label={t('stations.item.title')} hint={t('station.public.titleHint')} value={title()} onValue={edit('title', setTitle)} error={form.error('title')} maxlength={80} required />
      <TextAreaField label={t('stations.item.content')} hint={t('station.public.contentHint')} value={content()} onValue={edit('content', setContent)} error={form.error('content')} rows={5} maxlength={2000} required />
      <TextField label={t('stations.item.place')} value={place()} onValue={edit('place', setPlace)} error={form.error('place')} maxlength={80} />
      <fieldset class="resident-group">
        <legend>{t('submit.aboutYou')}</legend>
        <TextField label={t('stations.item.nameOptional')} value={name()} onValue={edit('submitterName', setName)} error={form.error('submitterName')} autocomplete="name" maxlength={40} />
        <TextField
          label={t('stations.item.contactOptional')}
          hint={t('submit.field.contactHint')}
          value={contact()}
          onValue={edit('submitterContact', setContact)}
          error={form.error('submitterContact')}
          type="tel"
          inputmode="tel"
          autocomplete="tel"
          maxlength={80}
        />
      </fieldset>
      <div class="hp" aria-hidden="true">
        <label>
          {t('submit.website')}
          <input ref={honeypot} type="text" name="website" tabindex="-1" autocomplete="off" />
        </label>
      </div>
      <div class="challenge-box">
        <Show when={!challenge.error} fallback={<Alert kind="error" title={t('submit.questionFailed')}><Button small onClick={anotherQuestion}>{t('common.retry')}</Button></Alert>}>
          <TextField
            label={question() ? t('submit.question', { question: question() }) : t('submit.questionLoading')}
            hint={t('submit.questionHint')}
            value={answer()}
            onValue={(v) => {
              edit('answer', setAnswer)(v);
              form.clearError('challenge');
            }}
            error={form.error('answer') ?? form.error('challenge')}
            inputmode="numeric"
            autocomplete="off"
            maxlength={10}
            fieldClass="answer-field"
            required
          />
          <button type="button" class="linklike" onClick={anotherQuestion}>
            {t('submit.otherQuestion')}
          </button>
        </Show>
      </div>
      <FormError error={form.formError()} />
      <div class="form-actions resident-actions">
        <Button type="submit" variant="primary" class="wide big" busy={form.busy()}>
          {form.busy() ? t('submit.sending') : t('station.public.submit')}
        </Button>
      </div>
      <p class="muted small privacy-note">{t('station.public.privacy')}</p>
    </form>
  );
}

function Done(props: { code: string; onAnother: () => void }) {
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.code);
      toast(t('submit.done.copied'));
    } catch {
      toast(t('submit.done.copyManually'), 'info');
    }
  };
  return (
    <section class="success" aria-labelledby="success-title">
      <p class="success-mark" aria-hidden="true">
        ✓
      </p>
      <h2 id="success-title">{t('station.public.doneTitle')}</h2>
      <p>{t('station.public.doneLead')}</p>
      <div class="code-box">
        <p class="code-label">{t('submit.done.codeLabel')}</p>
        <p class="tracking-code" data-testid="tracking-code">
          {props.code}
        </p>
      </div>
      <p class="muted">{t('submit.done.keep')}</p>
      <div class="success-actions no-print">
        <Button variant="primary" onClick={() => void copy()}>
          {t('submit.done.copy')}
        </Button>
        <A class="btn btn-secondary" href={`/t/${props.code}`}>
          {t('submit.done.track')}
        </A>
      </div>
      <p class="muted">{t('station.public.doneNext')}</p>
      <p class="no-print">
        <button type="button" class="linklike" onClick={() => props.onAnother()}>
          {t('station.public.another')}
        </button>
      </p>
    </section>
  );
}
