/**
 * Targets beyond the year's projects (SPEC §15): the picker of the new-round form (departments on their own, appointed
 * officials, a department's handling of suggestions, 专题询问, representatives), and the staff section where the office
 * keeps its appointed officials and inquiries (add, change, archive).
 */
import { createResource, createSignal, For, type JSX, Show } from 'solid-js';
import { InquiryInput, OfficialInput, type TargetKind } from '../../../shared/evaluation/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { CheckField, SelectField, TextField } from '../components/Field.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { t } from '../i18n.ts';
import {
  archiveInquiry,
  archiveOfficial,
  createInquiry,
  createOfficial,
  fetchDepartments,
  fetchInquiries,
  fetchOfficials,
  fetchRepresentatives,
  type Inquiry,
  type Official,
  updateInquiry,
  updateOfficial,
} from './evaluation.data.ts';
import { targetKindLabel } from './parts.tsx';

export type PickedTarget = { kind: Exclude<TargetKind, 'project'>; id: string };
type Option = { id: string; label: string; hint?: string };

/** One kind's list of checkboxes, folded until opened (a round rarely evaluates every kind). */
function KindPicker(props: { kind: PickedTarget['kind']; lead: string; options: Option[]; picked: PickedTarget[]; onPick: (p: PickedTarget[]) => void; empty: JSX.Element }) {
  const mine = () => props.picked.filter((p) => p.kind === props.kind);
  const toggle = (id: string, on: boolean) => props.onPick(on ? [...props.picked.filter((p) => !(p.kind === props.kind && p.id === id)), { kind: props.kind, id }] : props.picked.filter((p) => !(p.kind === props.kind && p.id === id)));
  return (
    <details class="ev-kind-pick" open={mine().length > 0}>
      <summary>
        <span class="strong">{targetKindLabel(props.kind)}</span>
        <span class="muted num">{t('evaluation.new.picked', { n: mine().length })}</span>
      </summary>
      <p class="hint">{props.lead}</p>
      <Show when={props.options.length > 0} fallback={<p class="empty-inline">{props.empty}</p>}>
        <ul class="ev-pick plain-list">
          <For each={props.options}>
            {(o) => (
              <li>
                <CheckField label={o.label} hint={o.hint} checked={mine().some((p) => p.id === o.id)} onValue={(on) => toggle(o.id, on)} />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </details>
  );
}

/** The other targets of a new round, by kind. */
export function OtherTargetsPicker(props: { congressId: string; picked: PickedTarget[]; onPick: (p: PickedTarget[]) => void }) {
  const [deps] = createResource(() => props.congressId, fetchDepartments);
  const [officials] = createResource(() => props.congressId, (c) => fetchOfficials(c));
  const [inquiries] = createResource(() => props.congressId, (c) => fetchInquiries(c));
  const [reps] = createResource(() => props.congressId, (c) => fetchRepresentatives(c).catch(() => []));
  const depOptions = () => (deps.latest ?? []).filter((d) => d.active).map((d) => ({ id: d.id, label: d.name }));
  return (
    <fieldset class="choices ev-other-targets">
      <legend>{t('evaluation.new.otherTargets')}</legend>
      <p class="hint">{t('evaluation.new.otherTargetsHint')}</p>
      <KindPicker kind="department" lead={t('evaluation.new.pick.department')} options={depOptions()} picked={props.picked} onPick={props.onPick} empty={t('evaluation.new.pick.noDepartments')} />
      <KindPicker kind="suggestion_handling" lead={t('evaluation.new.pick.suggestion_handling')} options={depOptions()} picked={props.picked} onPick={props.onPick} empty={t('evaluation.new.pick.noDepartments')} />
      <KindPicker
        kind="official"
        lead={t('evaluation.new.pick.official')}
        options={(officials.latest ?? []).map((o) => ({ id: o.id, label: o.name, hint: [o.department?.name, o.post].filter(Boolean).join(' ') }))}
        picked={props.picked}
        onPick={props.onPick}
        empty={t('evaluation.new.pick.noOfficials')}
      />
      <KindPicker
        kind="inquiry"
        lead={t('evaluation.new.pick.inquiry')}
        options={(inquiries.latest ?? []).map((q) => ({ id: q.id, label: q.title, hint: `${q.heldOn} ${q.departments.map((d) => d.name).join('、')}` }))}
        picked={props.picked}
        onPick={props.onPick}
        empty={t('evaluation.new.pick.noInquiries')}
      />
      <KindPicker
        kind="representative"
        lead={t('evaluation.new.pick.representative')}
        options={(reps.latest ?? []).map((r) => ({ id: r.id, label: r.name, hint: r.delegation }))}
        picked={props.picked}
        onPick={props.onPick}
        empty={t('evaluation.new.pick.noRepresentatives')}
      />
    </fieldset>
  );
}

// ---- the staff section: appointed officials and 专题询问 ----

/** 任命人员 and 专题询问 the office keeps for evaluation: listed, added, changed, archived. */
export function TargetRegistry(props: { congressId: string }) {
  return (
    <div class="ev-registry">
      <OfficialsSection congressId={props.congressId} />
      <InquiriesSection congressId={props.congressId} />
    </div>
  );
}

function OfficialsSection(props: { congressId: string }) {
  const [list, { refetch }] = createResource(() => props.congressId, (c) => fetchOfficials(c, true));
  const [editing, setEditing] = createSignal<Official | 'new' | null>(null);
  const archive = async (o: Official) => {
    await archiveOfficial(props.congressId, o.id);
    toast(t('evaluation.officials.archived', { name: o.name }));
    void refetch();
  };
  return (
    <section class="ev-registry-part" aria-labelledby="ev-officials-title">
      <div class="ev-registry-head">
        <h2 id="ev-officials-title">{t('evaluation.officials.title')}</h2>
        <Button onClick={() => setEditing('new')}>+ {t('evaluation.officials.add')}</Button>
      </div>
      <p class="muted">{t('evaluation.officials.lead')}</p>
      <Async resource={list} retry={refetch}>
        {(rows) => (
          <Table
            caption={t('evaluation.officials.title')}
            rows={rows}
            empty={<p class="empty-inline">{t('evaluation.officials.empty')}</p>}
            columns={[
              { header: () => t('evaluation.officials.name'), cell: (o: Official) => <span classList={{ muted: o.archived }}>{o.name}</span> },
              { header: () => t('evaluation.officials.post'), cell: (o: Official) => o.post },
              { header: () => t('evaluation.officials.department'), cell: (o: Official) => o.department?.name ?? '—' },
              { header: () => t('evaluation.officials.appointedOn'), class: 'nowrap', cell: (o: Official) => <span class="num">{o.appointedOn ?? '—'}</span> },
              {
                header: () => t('evaluation.officials.actions'),
                cell: (o: Official) => (
                  <Show when={!o.archived} fallback={<span class="tag tag-muted">{t('evaluation.officials.archivedTag')}</span>}>
                    <span class="ev-row-actions">
                      <Button small onClick={() => setEditing(o)} aria-label={t('evaluation.officials.editLabel', { name: o.name })}>
                        {t('evaluation.officials.edit')}
                      </Button>
                      <Button small variant="ghost" onClick={() => void archive(o)} aria-label={t('evaluation.officials.archiveLabel', { name: o.name })}>
                        {t('evaluation.officials.archive')}
                      </Button>
                    </span>
                  </Show>
                ),
              },
            ]}
          />
        )}
      </Async>
      <Dialog open={editing() !== null} onClose={() => setEditing(null)} title={editing() === 'new' ? t('evaluation.officials.add') : t('evaluation.officials.edit')}>
        <Show when={editing()} keyed>
          {(o) => (
            <OfficialForm
              congressId={props.congressId}
              official={o === 'new' ? null : o}
              onCancel={() => setEditing(null)}
              onDone={() => {
                setEditing(null);
                void refetch();
              }}
            />
          )}
        </Show>
      </Dialog>
    </section>
  );
}

function OfficialForm(props: { congressId: string; official: Official | null; onCancel: () => void; onDone: () => void }) {
  const form = createFormState();
  const o = props.official;
  const [name, setName] = createSignal(o?.name ?? '');
  const [post, setPost] = createSignal(o?.post ?? '');
  const [departmentId, setDepartmentId] = createSignal(o?.department?.id ?? '');
  const [appointedOn, setAppointedOn] = createSignal(o?.appointedOn ?? '');
  const [deps] = createResource(() => props.congressId, fetchDepartments);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(OfficialInput, { name: name(), post: post(), departmentId: departmentId() || null, appointedOn: appointedOn() || null });
    if (!input) return;
    const done = await form.run(() => (o ? updateOfficial(props.congressId, o.id, input) : createOfficial(props.congressId, input)), ['name', 'post', 'departmentId', 'appointedOn']);
    if (done) {
      toast(t('evaluation.officials.saved', { name: done.value.name }));
      props.onDone();
    }
  };
  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <TextField label={t('evaluation.officials.name')} value={name()} onValue={setName} error={form.error('name')} maxlength={40} required />
      <TextField label={t('evaluation.officials.post')} value={post()} onValue={setPost} error={form.error('post')} maxlength={80} required placeholder={t('evaluation.officials.postPlaceholder')} />
      <SelectField
        label={t('evaluation.officials.department')}
        value={departmentId()}
        onValue={setDepartmentId}
        error={form.error('departmentId')}
        options={[{ value: '', label: t('evaluation.officials.noDepartment') }, ...(deps.latest ?? []).map((d) => ({ value: d.id, label: d.name }))]}
      />
      <TextField type="date" label={t('evaluation.officials.appointedOn')} value={appointedOn()} onValue={setAppointedOn} error={form.error('appointedOn')} />
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('evaluation.officials.save')}
        </Button>
      </div>
    </form>
  );
}

function InquiriesSection(props: { congressId: string }) {
  const [list, { refetch }] = createResource(() => props.congressId, (c) => fetchInquiries(c, true));
  const [editing, setEditing] = createSignal<Inquiry | 'new' | null>(null);
  const archive = async (q: Inquiry) => {
    await archiveInquiry(props.congressId, q.id);
    toast(t('evaluation.inquiries.archived', { title: q.title }));
    void refetch();
  };
  return (
    <section class="ev-registry-part" aria-labelledby="ev-inquiries-title">
      <div class="ev-registry-head">
        <h2 id="ev-inquiries-title">{t('evaluation.inquiries.title')}</h2>
        <Button onClick={() => setEditing('new')}>+ {t('evaluation.inquiries.add')}</Button>
      </div>
      <p class="muted">{t('evaluation.inquiries.lead')}</p>
      <Async resource={list} retry={refetch}>
        {(rows) => (
          <Table
            caption={t('evaluation.inquiries.title')}
            rows={rows}
            empty={<p class="empty-inline">{t('evaluation.inquiries.empty')}</p>}
            columns={[
              { header: () => t('evaluation.inquiries.topic'), cell: (q: Inquiry) => <span classList={{ muted: q.archived }}>{q.title}</span> },
              { header: () => t('evaluation.inquiries.heldOn'), class: 'nowrap', cell: (q: Inquiry) => <span class="num">{q.heldOn}</span> },
              { header: () => t('evaluation.inquiries.departments'), cell: (q: Inquiry) => q.departments.map((d) => d.name).join('、') },
              {
                header: () => t('evaluation.officials.actions'),
                cell: (q: Inquiry) => (
                  <Show when={!q.archived} fallback={<span class="tag tag-muted">{t('evaluation.officials.archivedTag')}</span>}>
                    <span class="ev-row-actions">
                      <Button small onClick={() => setEditing(q)} aria-label={t('evaluation.inquiries.editLabel', { title: q.title })}>
                        {t('evaluation.officials.edit')}
                      </Button>
                      <Button small variant="ghost" onClick={() => void archive(q)} aria-label={t('evaluation.inquiries.archiveLabel', { title: q.title })}>
                        {t('evaluation.officials.archive')}
                      </Button>
                    </span>
                  </Show>
                ),
              },
            ]}
          />
        )}
      </Async>
      <Dialog open={editing() !== null} onClose={() => setEditing(null)} title={editing() === 'new' ? t('evaluation.inquiries.add') : t('evaluation.officials.edit')}>
        <Show when={editing()} keyed>
          {(q) => (
            <InquiryForm
              congressId={props.congressId}
              inquiry={q === 'new' ? null : q}
              onCancel={() => setEditing(null)}
              onDone={() => {
                setEditing(null);
                void refetch();
              }}
            />
          )}
        </Show>
      </Dialog>
    </section>
  );
}

function InquiryForm(props: { congressId: string; inquiry: Inquiry | null; onCancel: () => void; onDone: () => void }) {
  const form = createFormState();
  const q = props.inquiry;
  const [title, setTitle] = createSignal(q?.title ?? '');
  const [heldOn, setHeldOn] = createSignal(q?.heldOn ?? '');
  const [picked, setPicked] = createSignal<string[]>(q?.departments.map((d) => d.id) ?? []);
  const [deps] = createResource(() => props.congressId, fetchDepartments);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(InquiryInput, { title: title(), heldOn: heldOn(), departmentIds: picked() });
    if (!input) return;
    const done = await form.run(() => (q ? updateInquiry(props.congressId, q.id, input) : createInquiry(props.congressId, input)), ['title', 'heldOn', 'departmentIds']);
    if (done) {
      toast(t('evaluation.inquiries.saved', { title: done.value.title }));
      props.onDone();
    }
  };
  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <TextField label={t('evaluation.inquiries.topic')} value={title()} onValue={setTitle} error={form.error('title')} maxlength={120} required placeholder={t('evaluation.inquiries.topicPlaceholder')} />
      <TextField type="date" label={t('evaluation.inquiries.heldOn')} value={heldOn()} onValue={setHeldOn} error={form.error('heldOn')} required />
      <fieldset class="choices">
        <legend>{t('evaluation.inquiries.departments')}</legend>
        <ul class="ev-pick plain-list">
          <For each={(deps.latest ?? []).filter((d) => d.active || picked().includes(d.id))}>
            {(d) => (
              <li>
                <CheckField label={d.name} checked={picked().includes(d.id)} onValue={(on) => setPicked(on ? [...picked().filter((x) => x !== d.id), d.id] : picked().filter((x) => x !== d.id))} />
              </li>
            )}
          </For>
        </ul>
        <Show when={form.error('departmentIds')}>
          <p class="field-error">{t('evaluation.inquiries.departmentsNeeded')}</p>
        </Show>
      </fieldset>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('evaluation.officials.save')}
        </Button>
      </div>
    </form>
  );
}
