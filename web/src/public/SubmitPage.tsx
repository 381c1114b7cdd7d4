import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { fieldMessage } from '../../../shared/errors.ts';
import { PublicProposal } from '../../../shared/gathering/schema.ts';
import { ApiError } from '../api.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { TextAreaField, TextField } from '../components/Field.tsx';
import { MoneyField } from '../components/MoneyField.tsx';
import { nowrap } from '../components/Nowrap.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { FilePicker } from '../gathering/FilePicker.tsx';
import { fmt, lang, t, tx } from '../i18n.ts';
import { categoryLabel, type Category } from '../labels.ts';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { fetchChallenge, fetchPublicCongress, submitPublicProposal, type PublicCongress } from './public.data.ts';
import './public.css';

/**
 * /p/:congressId — where residents propose livelihood projects, without an account, usually from a phone after
 * scanning the poster. Outside the collection window it says when it opens or that it has closed; inside, a form
 * with large choices and a check question, and after sending, the tracking code to follow the proposal.
 */
export default function SubmitPage() {
  const params = useParams<{ congressId: string }>();
  const [congress, { refetch }] = createResource(() => params.congressId, fetchPublicCongress);
  usePageTitle(() => (latest(congress) ? `${t('submit.title')} · ${latest(congress)!.name}` : t('submit.title')));
  return (
    <PublicLayout wide class="resident" congress={latest(congress)}>
      <Async resource={congress} retry={refetch}>
        {(c) => (
          <>
            <header class="resident-head">
              <p class="kicker">{c.name}</p>
              <h1>{c.window ? t('submit.titleYear', { year: c.window.year }) : t('submit.title')}</h1>
            </header>
            <Switch>
              <Match when={!c.window}>
                <Alert kind="info" title={t('submit.noWindow')}>
                  <p>{t('submit.noWindowNext')}</p>
                </Alert>
                <ResidentLinks congressId={c.id} />
              </Match>
              <Match when={c.window?.state === 'scheduled'}>
                <Alert kind="info" title={tx('submit.scheduled', { from: nowrap(fmt.date(c.window!.opensOn)), to: nowrap(fmt.date(c.window!.closesOn)) })}>
                  <p>{t('submit.scheduledNext')}</p>
                </Alert>
                <ResidentLinks congressId={c.id} />
              </Match>
              <Match when={c.window?.state === 'closed'}>
                <Alert kind="info" title={tx('submit.closed', { year: String(c.window!.year), date: nowrap(fmt.date(c.window!.closesOn)) })}>
                  <p>{t('submit.closedNext')}</p>
                </Alert>
                <ResidentLinks congressId={c.id} />
              </Match>
              <Match when={c.window?.state === 'open'}>
                <SubmitFlow congress={c} />
              </Match>
            </Switch>
          </>
        )}
      </Async>
    </PublicLayout>
  );
}

function ResidentLinks(props: { congressId: string }) {
  return (
    <ul class="resident-links">
      <li>
        <A href="/t">{t('submit.trackLink')}</A>
      </li>
      <li>
        <A href={`/p/${props.congressId}/candidates`}>{t('submit.candidatesLink')}</A>
      </li>
    </ul>
  );
}

function SubmitFlow(props: { congress: PublicCongress }) {
  const [code, setCode] = createSignal<string | null>(null);
  return (
    <Show when={code()} fallback={<SubmitForm congress={props.congress} onDone={setCode} />}>
      {(c) => <Success code={c()} congressId={props.congress.id} onAnother={() => setCode(null)} />}
    </Show>
  );
}

const FIELDS = ['title', 'description', 'category', 'location', 'estimatedInvestment', 'beneficiaries', 'submitterName', 'submitterContact', 'answer', 'challenge'];

function SubmitForm(props: { congress: PublicCongress; onDone: (code: string) => void }) {
  const form = createFormState();
  const [category, setCategory] = createSignal<Category | ''>('');
  const [title, setTitle] = createSignal('');
  const [location, setLocation] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [beneficiaries, setBeneficiaries] = createSignal('');
  const [investment, setInvestment] = createSignal('');
  const [name, setName] = createSignal('');
  const [contact, setContact] = createSignal('');
  const [answer, setAnswer] = createSignal('');
  const [files, setFiles] = createSignal<File[]>([]);
  const [challenge, { refetch: newQuestion }] = createResource(fetchChallenge);
  let honeypot!: HTMLInputElement;
  let formEl!: HTMLFormElement;
  const w = props.congress.window!;

  /** A setter that also takes the field's message away once the person edits it. */
  const edit = (path: string, set: (v: string) => void) => (v: string) => {
    set(v);
    form.clearError(path);
  };

  const anotherQuestion = () => {
    setAnswer('');
    void newQuestion();
  };

  /** On a phone the first problem may be far up: take the person to it. */
  const focusFirstError = () =>
    queueMicrotask(() => {
      const el = formEl.querySelector<HTMLElement>('[aria-invalid="true"], .has-error input');
      el?.focus();
      el?.scrollIntoView({ block: 'center' });
    });

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values = {
      title: title(),
      description: description(),
      category: category(),
      location: location(),
      estimatedInvestment: investment().trim() || undefined,
      beneficiaries: beneficiaries(),
      submitterName: name(),
      submitterContact: contact(),
      challenge: latest(challenge)?.token ?? '',
      answer: answer(),
      website: honeypot.value,
    };
    const input = form.check(PublicProposal, values);
    // The schema lets an empty answer through (the server judges it); here it is simply required. A category not
    // chosen is asked for in words rather than with the list of codes.
    const extra: Record<string, string> = {};
    if (!answer().trim()) extra.answer = fieldMessage('required', lang());
    if (!category()) extra.category = t('submit.chooseCategory');
    if (!input || Object.keys(extra).length) {
      form.setErrors({ ...form.errors(), ...extra });
      form.setFormError({ message: t('submit.fixFields'), extra: [] });
      focusFirstError();
      return;
    }
    form.setFormError(null);
    const done = await form.run(() => submitPublicProposal(props.congress.id, input, files()), FIELDS);
    if (done) {
      props.onDone(done.value.trackingCode);
      window.scrollTo({ top: 0 });
      return;
    }
    // The check question: a wrong answer is said beside it; a question used up (or spent by a request that failed
    // after it was checked) is replaced.
    const failure = form.lastError();
    const code = failure instanceof ApiError ? failure.code : null;
    if (code === 'challenge_failed') {
      form.setErrors({ ...form.errors(), answer: failure instanceof ApiError ? failure.message : '' });
      form.setFormError(null);
      setAnswer('');
      focusFirstError();
    } else if (code !== 'too_fast' && code !== 'validation' && code !== 'rate_limited') anotherQuestion();
  };

  const question = () => {
    const q = latest(challenge)?.question;
    return q ? (lang() === 'en' ? q.en : q.zh) : '';
  };
  const answerError = () => form.error('answer') ?? form.error('challenge');

  return (
    <form ref={formEl} onSubmit={submit} novalidate class="resident-form">
      <p class="lead">{tx('submit.lead', { from: nowrap(fmt.date(w.opensOn)), to: nowrap(fmt.date(w.closesOn)) })}</p>
      <ol class="how-steps">
        <li>{t('submit.how1')}</li>
        <li>{t('submit.how2')}</li>
        <li>{t('submit.how3')}</li>
      </ol>

      <fieldset class="field choices" classList={{ 'has-error': !!form.error('category') }} aria-describedby={form.error('category') ? 'category-error' : undefined}>
        <legend>
          {t('submit.category')}
          <span class="req" aria-hidden="true">
            {' '}*
          </span>
        </legend>
        <div class="choice-grid">
          <For each={props.congress.categories}>
            {(cat) => (
              <label class="choice" classList={{ on: category() === cat }}>
                <input
                  type="radio"
                  name="category"
                  value={cat}
                  checked={category() === cat}
                  aria-invalid={form.error('category') ? true : undefined}
                  onChange={() => {
                    setCategory(cat);
                    form.clearError('category');
                  }}
                />
                <span class="choice-text">
                  <span class="choice-title">{categoryLabel(cat)}</span>
                  <span class="choice-hint">{t(`category.${cat}.hint`)}</span>
                </span>
              </label>
            )}
          </For>
        </div>
        <Show when={form.error('category')}>
          <p class="field-error" id="category-error">
            {form.error('category')}
          </p>
        </Show>
      </fieldset>

      <TextField label={t('submit.field.title')} hint={t('submit.field.titleHint')} value={title()} onValue={edit('title', setTitle)} error={form.error('title')} maxlength={80} required />
      <TextField label={t('submit.field.location')} hint={t('submit.field.locationHint')} value={location()} onValue={edit('location', setLocation)} error={form.error('location')} maxlength={80} required />
      <TextAreaField
        label={t('submit.field.description')}
        hint={t('submit.field.descriptionHint')}
        value={description()}
        onValue={edit('description', setDescription)}
        error={form.error('description')}
        rows={6}
        maxlength={4000}
        required
      />
      <TextField label={t('submit.field.beneficiaries')} hint={t('submit.field.beneficiariesHint')} value={beneficiaries()} onValue={edit('beneficiaries', setBeneficiaries)} error={form.error('beneficiaries')} maxlength={200} />
      <MoneyField label={t('submit.field.investment')} hint={t('submit.field.investmentHint')} value={investment()} onValue={edit('estimatedInvestment', setInvestment)} error={form.error('estimatedInvestment')} />
      <FilePicker label={t('submit.field.files')} files={files()} onChange={setFiles} />

      <fieldset class="resident-group">
        <legend>{t('submit.aboutYou')}</legend>
        <TextField label={t('submit.field.name')} hint={t('submit.field.nameHint')} value={name()} onValue={edit('submitterName', setName)} error={form.error('submitterName')} autocomplete="name" maxlength={40} />
        <TextField
          label={t('submit.field.contact')}
          hint={t('submit.field.contactHint')}
          value={contact()}
          onValue={edit('submitterContact', setContact)}
          error={form.error('submitterContact')}
          type="tel"
          inputmode="tel"
          autocomplete="tel"
          maxlength={80}
          required
        />
      </fieldset>

      {/* People leave this empty; form-filling robots do not. Hidden from eyes, screen readers and the tab order. */}
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
            error={answerError()}
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
          {form.busy() ? t('submit.sending') : t('submit.submit')}
        </Button>
      </div>
      <p class="muted small privacy-note">{t('submit.privacy')}</p>
    </form>
  );
}

function Success(props: { code: string; congressId: string; onAnother: () => void }) {
  usePageTitle(() => t('submit.done.title'));
  let codeEl!: HTMLParagraphElement;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.code);
      toast(t('submit.done.copied'));
    } catch {
      // No clipboard (a plain-http address): select the code so that the phone offers to copy it.
      const range = document.createRange();
      range.selectNodeContents(codeEl);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      toast(t('submit.done.copyManually'), 'info');
    }
  };
  return (
    <section class="success" aria-labelledby="success-title">
      <p class="success-mark" aria-hidden="true">
        ✓
      </p>
      <h2 id="success-title">{t('submit.done.title')}</h2>
      <p>{t('submit.done.lead')}</p>
      <div class="code-box">
        <p class="code-label">{t('submit.done.codeLabel')}</p>
        <p class="tracking-code" ref={codeEl}>
          {props.code}
        </p>
      </div>
      <p class="muted">{t('submit.done.keep')}</p>
      <div class="success-actions no-print">
        <Button variant="primary" onClick={() => void copy()}>
          {t('submit.done.copy')}
        </Button>
        <Button onClick={() => window.print()}>{t('submit.done.print')}</Button>
        <A class="btn btn-secondary" href={`/t/${props.code}`}>
          {t('submit.done.track')}
        </A>
      </div>
      <p class="muted">{t('submit.done.next')}</p>
      <p class="no-print">
        <button type="button" class="linklike" onClick={() => props.onAnother()}>
          {t('submit.done.another')}
        </button>
      </p>
    </section>
  );
}
