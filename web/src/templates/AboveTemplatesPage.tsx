import { createResource, createSignal, For, Show } from 'solid-js';
import { TEMPLATE_PARTS, type TemplatePart } from '../../../shared/templates/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { CheckField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { DiffTable, partLabel } from './parts.tsx';
import { adoptVersion, fetchAbove, fetchComparison } from './templates.data.ts';
import './templates.css';

/**
 * 上级模板 (a township's or street's page): the templates of the county (and city) above, what it adopted and whether a
 * newer version exists; a version compared with the one adopted and with the current settings; chosen parts adopted.
 */
export default function AboveTemplatesPage() {
  const { id, refetch: refetchCongress } = useCongress();
  const [list, { refetch }] = createResource(() => (can(id(), 'templates.adopt') ? id() : false), fetchAbove);
  const [versionId, setVersionId] = createSignal<string | null>(null);
  return (
    <Show when={can(id(), 'templates.adopt')} fallback={<NoAccess />}>
      <PageHeader title={t('templates.above.title')} lead={t('templates.above.lead')} />
      <Async resource={list} retry={refetch} loadingText={t('templates.loading')}>
        {(l) => (
          <Show when={l.items.length} fallback={<p class="muted">{t('templates.above.empty')}</p>}>
            <div class="tp-cards">
              <For each={l.items}>
                {(tpl) => (
                  <section class="card tp-card" aria-labelledby={`tp-${tpl.id}`}>
                    <h2 id={`tp-${tpl.id}`}>{tpl.name}</h2>
                    <p class="muted small">{t('templates.above.from', { name: tpl.congressName })}</p>
                    <Show when={tpl.description}>
                      <p>{tpl.description}</p>
                    </Show>
                    <p>
                      <Show when={tpl.adopted} fallback={<span class="muted">{t('templates.above.notAdopted')}</span>}>
                        {(a) => t('templates.above.adopted', { n: a().version, parts: a().parts.map((p) => partLabel(p)).join('、'), day: fmt.date(a().adoptedAt.slice(0, 10)) })}
                      </Show>
                    </p>
                    <Show when={tpl.newer}>
                      <p>
                        <span class="tp-tag">{t('templates.above.newer', { n: tpl.latest!.version })}</span>
                      </p>
                    </Show>
                    <div class="tp-actions">
                      <Button variant={tpl.newer ? 'primary' : 'secondary'} onClick={() => setVersionId(tpl.latest!.id)} aria-expanded={versionId() === tpl.latest!.id}>
                        {t('templates.above.compare')}
                      </Button>
                    </div>
                  </section>
                )}
              </For>
            </div>
          </Show>
        )}
      </Async>
      <Show when={versionId()} keyed>
        {(v) => (
          <ComparePanel
            versionId={v}
            onAdopted={() => {
              refetch();
              refetchCongress();
            }}
          />
        )}
      </Show>
    </Show>
  );
}

function ComparePanel(props: { versionId: string; onAdopted: () => void }) {
  const { id } = useCongress();
  const [cmp, { refetch }] = createResource(() => ({ c: id(), v: props.versionId }), (s) => fetchComparison(s.c, s.v));
  const form = createFormState();
  const [parts, setParts] = createSignal<TemplatePart[] | null>(null);
  const chosen = () => parts() ?? cmp.latest?.version.parts ?? [];
  const toggle = (p: TemplatePart, on: boolean) => setParts(TEMPLATE_PARTS.filter((x) => (x === p ? on : chosen().includes(x))));
  const adopt = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!chosen().length) return form.setFormError({ message: t('templates.adopt.noParts'), extra: [] });
    const done = await form.run(() => adoptVersion(id(), props.versionId, chosen()));
    if (done) {
      toast(t('templates.adopt.done', { n: done.value.changed }));
      refetch();
      props.onAdopted();
    }
  };
  return (
    <Async resource={cmp} retry={refetch} loadingText={t('templates.loading')}>
      {(c) => (
        <section class="card tp-card" aria-labelledby="tp-compare">
          <h2 id="tp-compare">{t('templates.compare.title', { name: c.template.name, n: c.version.version })}</h2>
          <Show when={c.version.note}>
            <p>{c.version.note}</p>
          </Show>
          <Show when={c.adopted}>{(a) => <DiffTable caption={t('templates.compare.sinceAdopted', { n: a().version })} rows={c.sinceAdopted} />}</Show>
          <DiffTable caption={t('templates.compare.againstCurrent')} rows={c.againstCurrent} />
          <form onSubmit={adopt}>
            <fieldset class="tp-parts">
              <legend>{t('templates.adopt.parts')}</legend>
              <For each={c.version.parts}>{(p) => <CheckField label={partLabel(p)} checked={chosen().includes(p)} onValue={(v) => toggle(p, v)} />}</For>
            </fieldset>
            <FormError error={form.formError()} />
            <div class="tp-actions">
              <Button type="submit" variant="primary" busy={form.busy()}>
                {t('templates.adopt.submit')}
              </Button>
            </div>
          </form>
        </section>
      )}
    </Async>
  );
}
