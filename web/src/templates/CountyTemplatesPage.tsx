import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { CongressSettings } from '../../../shared/congress/settings.ts';
import { oversees } from '../../../shared/county/tree.ts';
import { contentOf, TEMPLATE_PARTS, type TemplatePart } from '../../../shared/templates/schema.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { CheckField, TextAreaField, TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { partLabel } from './parts.tsx';
import { createTemplate, fetchAdoptions, fetchTemplates, publishVersion } from './templates.data.ts';
import './templates.css';

type Summary = Awaited<ReturnType<typeof fetchTemplates>>['items'][number];

/**
 * 下发模板 (a county's or city's page): its templates, a new one, a new version published from the congress's own current
 * settings (the parts ticked), and which version each congress below adopted.
 */
export default function CountyTemplatesPage() {
  const { id, congress } = useCongress();
  const isCounty = () => oversees(congress().level);
  const [list, { refetch }] = createResource(() => (can(id(), 'templates.read') && isCounty() ? id() : false), fetchTemplates);
  const [adoptions, { refetch: refetchAdoptions }] = createResource(() => (can(id(), 'templates.read') && isCounty() ? id() : false), fetchAdoptions);
  const form = createFormState();
  const [name, setName] = createSignal('');
  const [description, setDescription] = createSignal('');

  const create = async (e: SubmitEvent) => {
    e.preventDefault();
    const done = await form.run(() => createTemplate(id(), name(), description()), ['name', 'description']);
    if (done) {
      toast(t('templates.county.created'));
      setName('');
      setDescription('');
      refetch();
    }
  };

  return (
    <Show when={can(id(), 'templates.read')} fallback={<NoAccess />}>
      <PageHeader title={t('templates.county.title')} lead={t('templates.county.lead')} />
      <Show
        when={isCounty()}
        fallback={
          <Alert kind="info">
            {t('templates.county.notCounty')} <A href={`/c/${id()}/templates-above`}>{t('templates.nav.above')}</A>
          </Alert>
        }
      >
        <Show when={can(id(), 'templates.manage')}>
          <form class="card tp-card" onSubmit={create} aria-labelledby="tp-new">
            <h2 id="tp-new">{t('templates.county.new')}</h2>
            <TextField label={t('templates.county.name')} value={name()} onValue={setName} error={form.error('name')} required />
            <TextAreaField label={t('templates.county.description')} value={description()} onValue={setDescription} error={form.error('description')} />
            <FormError error={form.formError()} />
            <div class="tp-actions">
              <Button type="submit" variant="primary" busy={form.busy()}>
                {t('templates.county.create')}
              </Button>
            </div>
          </form>
        </Show>
        <Async resource={list} retry={refetch} loadingText={t('templates.loading')}>
          {(l) => (
            <Show when={l.items.length} fallback={<p class="muted">{t('templates.county.empty')}</p>}>
              <div class="tp-cards">
                <For each={l.items}>{(tpl) => <TemplateCard tpl={tpl} onPublished={() => (refetch(), refetchAdoptions())} />}</For>
              </div>
            </Show>
          )}
        </Async>
        <Async resource={adoptions} retry={refetchAdoptions} loadingText={t('templates.loading')}>
          {(a) => (
            <section aria-labelledby="tp-adoptions">
              <h2 id="tp-adoptions">{t('templates.county.adoptions')}</h2>
              <div class="tp-scroll">
                <table class="table tp-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('templates.county.congress')}</th>
                      <For each={a.templates}>{(tpl) => <th scope="col">{tpl.name}</th>}</For>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={a.congresses}>
                      {(c) => (
                        <tr>
                          <th scope="row">{c.name}</th>
                          <For each={a.templates}>
                            {(tpl) => {
                              const mine = () => c.adoptions.find((x) => x.templateId === tpl.id);
                              return (
                                <td>
                                  <Show when={mine()} fallback={<span class="muted">{t('templates.county.none')}</span>}>
                                    {(m) => (
                                      <>
                                        {t('templates.county.version', { n: m().version })}{' '}
                                        <span class={`tp-tag ${m().version === tpl.latestVersion ? 'ok' : ''}`}>{m().version === tpl.latestVersion ? t('templates.county.current') : t('templates.county.outdated')}</span>
                                        <div class="muted small">{m().parts.map((p) => partLabel(p)).join('、')}</div>
                                      </>
                                    )}
                                  </Show>
                                </td>
                              );
                            }}
                          </For>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </section>
          )}
        </Async>
      </Show>
    </Show>
  );
}

function TemplateCard(props: { tpl: Summary; onPublished: () => void }) {
  const { id, congress } = useCongress();
  const form = createFormState();
  const [parts, setParts] = createSignal<TemplatePart[]>(props.tpl.latest?.parts ?? ['negativeList']);
  const [note, setNote] = createSignal('');
  const toggle = (p: TemplatePart, on: boolean) => setParts((ps) => TEMPLATE_PARTS.filter((x) => (x === p ? on : ps.includes(x))));
  const publish = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!parts().length) return form.setFormError({ message: t('templates.adopt.noParts'), extra: [] });
    const content = contentOf(CongressSettings.parse(congress().settings), parts());
    const done = await form.run(() => publishVersion(id(), props.tpl.id, content, note()), ['note']);
    if (done) {
      toast(t('templates.county.published', { n: done.value.version }));
      setNote('');
      props.onPublished();
    }
  };
  return (
    <section class="card tp-card" aria-labelledby={`tp-${props.tpl.id}`}>
      <h2 id={`tp-${props.tpl.id}`}>{props.tpl.name}</h2>
      <Show when={props.tpl.description}>
        <p>{props.tpl.description}</p>
      </Show>
      <p>
        <Show when={props.tpl.latest} fallback={<span class="muted">{t('templates.county.noVersion')}</span>}>
          {(l) => (
            <>
              {t('templates.county.latest', { n: l().version, day: fmt.date(l().publishedAt.slice(0, 10)) })}：{l().parts.map((p) => partLabel(p)).join('、')}
            </>
          )}
        </Show>
      </p>
      <p class="muted">{t('templates.county.adoptedBy', { n: props.tpl.adoptedBy })}</p>
      <Show when={can(id(), 'templates.manage')}>
        <form onSubmit={publish}>
          <h3>{t('templates.county.publish')}</h3>
          <p class="small">{t('templates.county.publishLead')}</p>
          <div class="tp-parts">
            <For each={TEMPLATE_PARTS}>{(p) => <CheckField label={partLabel(p)} checked={parts().includes(p)} onValue={(v) => toggle(p, v)} />}</For>
          </div>
          <TextField label={t('templates.county.note')} value={note()} onValue={setNote} error={form.error('note')} />
          <FormError error={form.formError()} />
          <div class="tp-actions">
            <Button type="submit" variant="primary" busy={form.busy()}>
              {t('templates.county.publish')}
            </Button>
          </div>
        </form>
      </Show>
    </section>
  );
}
