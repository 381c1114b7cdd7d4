import { createSignal, For, Index, Show } from 'solid-js';
import { DEFAULT_QUESTION_KIND, QUESTION_KINDS, type QuestionKindName, SATISFACTION } from '../../../shared/evaluation/kinds.ts';
import { TARGET_KINDS, UpdateRound } from '../../../shared/evaluation/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { CheckField, TextField } from '../components/Field.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { lang, t } from '../i18n.ts';
import { AUDIENCES, updateRound, type Audience, type Items, type Round, type TargetKind } from './evaluation.data.ts';
import { audienceLabel, questionKindLabel, TargetList } from './parts.tsx';

const MAX_ITEMS = 10;
const PREFIX: Record<TargetKind, string> = { project: 'p', department: 'd', official: 'o', suggestion_handling: 's', inquiry: 'i', representative: 'r' };
type Row = { id: string; label: string; kind: QuestionKindName };

/** The next free item id of a kind (p4 after p1–p3); ids stay stable so answers never change meaning. */
const nextId = (list: Row[], kind: TargetKind) => `${PREFIX[kind]}${Math.max(0, ...list.map((i) => Number(i.id.slice(1)) || 0)) + 1}`;

/**
 * Before the round opens, staff adjust it: title, who answers, whether 不了解 is offered, and the questionnaire —
 * a section per kind of target the round evaluates, its items added, removed, renamed and each given its kind of
 * question (the 3-grade scale, five points, yes / no, a comment) (design §7: items are editable per round).
 */
export function QuestionnaireEditor(props: { round: Round; congressId: string; onRound: (r: Round) => void }) {
  const form = createFormState();
  const [title, setTitle] = createSignal(props.round.title);
  const [audiences, setAudiences] = createSignal<Audience[]>([...props.round.audiences]);
  const [allowUnknown, setAllowUnknown] = createSignal(props.round.allowUnknown);
  const [items, setItems] = createSignal<Items>(structuredClone(props.round.items));
  const [dirty, setDirty] = createSignal(false);
  const kinds = () => TARGET_KINDS.filter((k) => props.round.targets.some((x) => x.kind === k));
  const list = (k: TargetKind): Row[] => (items()[k] ?? []).map((i) => ({ ...i, kind: i.kind ?? DEFAULT_QUESTION_KIND }));

  const edit = (fn: () => void) => {
    fn();
    setDirty(true);
  };
  const rename = (k: TargetKind, i: number, label: string) =>
    edit(() => {
      setItems({ ...items(), [k]: list(k).map((x, j) => (j === i ? { ...x, label } : x)) });
      form.clearError(`items.${k}.${i}.label`);
    });
  const rekind = (k: TargetKind, i: number, kind: QuestionKindName) => edit(() => setItems({ ...items(), [k]: list(k).map((x, j) => (j === i ? { ...x, kind } : x)) }));
  const remove = (k: TargetKind, i: number) => edit(() => setItems({ ...items(), [k]: list(k).filter((_, j) => j !== i) }));
  const add = (k: TargetKind) => edit(() => setItems({ ...items(), [k]: [...list(k), { id: nextId(list(k), k), label: '', kind: DEFAULT_QUESTION_KIND }] }));

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(UpdateRound, {
      title: title(),
      audiences: AUDIENCES.filter((a) => audiences().includes(a)),
      allowUnknown: allowUnknown(),
      items: items(),
    });
    if (!input) return;
    const done = await form.run(() => updateRound(props.congressId, props.round.id, input), ['title', 'audiences']);
    if (done) {
      setDirty(false);
      props.onRound(done.value);
      toast(t('evaluation.editor.saved'));
    }
  };

  return (
    <section class="ev-setup" aria-labelledby="ev-editor-title">
      <h2 id="ev-editor-title">{t('evaluation.editor.title')}</h2>
      <p class="muted">
        {t('evaluation.editor.lead')}
        {lang() === 'zh-CN' ? '' : ' '}
        {t('evaluation.editor.bilingual')}
      </p>
      <div class="ev-setup-grid">
        <TargetList round={props.round} />
        <form class="card ev-editor" onSubmit={save} novalidate>
          <FormError error={form.formError()} />
          <TextField label={t('evaluation.field.title')} value={title()} onValue={(v) => edit(() => setTitle(v))} error={form.error('title')} maxlength={120} required />
          <fieldset class="choices">
            <legend>{t('evaluation.field.audiences')}</legend>
            <div class="ev-inline-checks">
              <For each={AUDIENCES}>
                {(a) => (
                  <CheckField
                    label={audienceLabel(a)}
                    checked={audiences().includes(a)}
                    onValue={(on) => edit(() => setAudiences(on ? [...audiences(), a] : audiences().filter((x) => x !== a)))}
                  />
                )}
              </For>
            </div>
            <Show when={form.error('audiences')}>
              <p class="field-error">{t('evaluation.new.audiencesNeeded')}</p>
            </Show>
          </fieldset>
          <For each={kinds()}>
            {(k) => (
              <fieldset class="ev-items">
                <legend>{t(`evaluation.items.${k}`)}</legend>
                <ol class="ev-item-rows">
                  {/* By position, so that typing in a row keeps its focus while the list is rebuilt. */}
                  <Index each={list(k)}>
                    {(item, i) => (
                      <li class="ev-item-row" classList={{ 'has-error': !!form.error(`items.${k}.${i}.label`) }}>
                        <span class="ev-item-n num" aria-hidden="true">
                          {i + 1}
                        </span>
                        <div class="ev-item-input">
                          <input
                            type="text"
                            value={item().label}
                            maxlength={60}
                            aria-label={t('evaluation.editor.itemLabel', { kind: t(`evaluation.kind.${k}`), n: i + 1 })}
                            aria-invalid={!!form.error(`items.${k}.${i}.label`) || undefined}
                            placeholder={t('evaluation.editor.placeholder')}
                            onInput={(e) => rename(k, i, e.currentTarget.value)}
                          />
                          <Show when={form.error(`items.${k}.${i}.label`)}>
                            <p class="field-error">{form.error(`items.${k}.${i}.label`)}</p>
                          </Show>
                        </div>
                        <select
                          class="ev-item-kind"
                          value={item().kind}
                          aria-label={t('evaluation.editor.kindLabel', { n: i + 1 })}
                          onChange={(e) => rekind(k, i, e.currentTarget.value as QuestionKindName)}
                        >
                          <For each={QUESTION_KINDS}>{(q) => <option value={q}>{questionKindLabel(q)}</option>}</For>
                        </select>
                        <Button small variant="ghost" disabled={list(k).length <= 1} onClick={() => remove(k, i)} aria-label={t('evaluation.editor.removeLabel', { n: i + 1 })}>
                          {t('evaluation.editor.remove')}
                        </Button>
                      </li>
                    )}
                  </Index>
                </ol>
                <Button small disabled={list(k).length >= MAX_ITEMS} onClick={() => add(k)}>
                  + {t('evaluation.editor.add')}
                </Button>
              </fieldset>
            )}
          </For>
          {/* Only a scale with an optional answer (不了解) lets the round choose whether to offer it. */}
          <Show when={SATISFACTION.optional}>
            <CheckField label={t('evaluation.new.allowUnknown')} hint={t('evaluation.new.allowUnknownHint')} checked={allowUnknown()} onValue={(v) => edit(() => setAllowUnknown(v))} />
          </Show>
          <div class="form-actions">
            <Show when={dirty()}>
              <span class="muted">{t('evaluation.editor.unsaved')}</span>
            </Show>
            <Button type="submit" variant="primary" busy={form.busy()}>
              {t('evaluation.editor.save')}
            </Button>
          </div>
        </form>
      </div>
    </section>
  );
}
