/**
 * A system administrator's list of every congress at city size (SPEC §16): paged and filtered on the server
 * (`GET /api/congress-tree`), each with its level, the congress above it and how many sit under it, and the action
 * that places it under its county or city (`PUT /api/congresses/:id/parent`; the levels said in shared/county/tree.ts).
 */
import { A, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import type { CONGRESS_LEVELS } from '../../../shared/congress/schema.ts';
import * as C from '../../../shared/county/contract.ts';
import type { TreeCongress } from '../../../shared/county/schema.ts';
import { PARENT_LEVEL } from '../../../shared/county/tree.ts';
import { call } from '../api.ts';
import { FormError } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { SelectField, TextField } from '../components/Field.tsx';
import { Pager } from '../components/Pager.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { levelLabel, levelOptions } from '../labels.ts';

type Level = (typeof CONGRESS_LEVELS)[number];
type Search = { q?: string; level?: string; page?: string };
const SIZE = 50;

export function CongressTree(props: { changed: () => void }) {
  const [params, setParams] = useSearchParams<Search>();
  const [q, setQ] = createSignal(params.q ?? '');
  const query = () => ({ q: params.q || undefined, level: (params.level || undefined) as Level | undefined, page: Number(params.page ?? 1) || 1, size: SIZE });
  const [page, { refetch }] = createResource(query, (qq) => call(C.listTree, { query: qq }));
  const [placing, setPlacing] = createSignal<TreeCongress | null>(null);
  return (
    <section aria-labelledby="tree-title">
      <h2 id="tree-title">{t('congresses.tree.title')}</h2>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ q: q() || undefined, page: undefined });
        }}
      >
        <TextField label={t('congresses.tree.search')} value={q()} onValue={setQ} />
        <SelectField label={t('congress.field.level')} value={params.level ?? ''} onValue={(v) => setParams({ level: v || undefined, page: undefined })} options={[{ value: '', label: t('congresses.tree.allLevels') }, ...levelOptions()]} />
        <Button type="submit">{t('congresses.tree.find')}</Button>
      </form>
      <Async resource={page} retry={refetch}>
        {(p) => (
          <>
            <Table
              caption={t('congresses.tree.caption')}
              columns={[
                { header: () => t('congress.field.name'), cell: (c) => <A href={`/c/${c.id}`}>{c.name}</A> },
                { header: () => t('congress.field.level'), cell: (c) => levelLabel(c.level) },
                { header: () => t('congress.field.term'), cell: (c) => fmt.term(c.term) },
                { header: () => t('congresses.tree.parent'), cell: (c) => c.parentName ?? (PARENT_LEVEL[c.level] ? <span class="muted">{t('congresses.tree.unplaced')}</span> : '—') },
                { header: () => t('congresses.tree.below'), cell: (c) => fmt.count(c.below), class: 'num' },
                {
                  header: () => t('common.actions'),
                  noLabel: true,
                  cell: (c) => (
                    <Show when={PARENT_LEVEL[c.level]}>
                      <Button small onClick={() => setPlacing(c)} aria-label={t('congresses.tree.placeNamed', { name: c.name })}>
                        {t('congresses.tree.place')}
                      </Button>
                    </Show>
                  ),
                },
              ]}
              rows={p.items}
              empty={<p>{t('congresses.tree.none')}</p>}
            />
            <Pager page={p.page} size={p.size} total={p.total} onPage={(n) => setParams({ page: n === 1 ? undefined : String(n) })} />
          </>
        )}
      </Async>
      <Dialog open={!!placing()} onClose={() => setPlacing(null)} title={t('congresses.tree.placeTitle', { name: placing()?.name ?? '' })}>
        <Show when={placing()}>
          {(c) => (
            <PlaceForm
              congress={c()}
              onCancel={() => setPlacing(null)}
              onDone={() => {
                setPlacing(null);
                refetch();
                props.changed();
                toast(t('congresses.tree.placed'));
              }}
            />
          )}
        </Show>
      </Dialog>
    </section>
  );
}

/** The congresses of the level above (up to 200 of them, found by name when there are more) to choose from. */
function PlaceForm(props: { congress: TreeCongress; onCancel: () => void; onDone: () => void }) {
  const form = createFormState();
  const above = PARENT_LEVEL[props.congress.level]!;
  const [find, setFind] = createSignal('');
  const [parentId, setParentId] = createSignal(props.congress.parentId ?? '');
  const [options] = createResource(find, (qq) => call(C.listTree, { query: { level: above, q: qq || undefined, size: 200, page: 1 } }));
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const ok = await form.run(() => call(C.setParent, { params: { congressId: props.congress.id }, body: { parentId: parentId() || null } }), ['parentId']);
    if (ok) props.onDone();
  };
  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <p class="lead">{t('congresses.tree.placeLead', { level: levelLabel(above) })}</p>
      <TextField label={t('congresses.tree.findParent')} value={find()} onValue={setFind} />
      <SelectField
        label={t('congresses.tree.parent')}
        value={parentId()}
        onValue={setParentId}
        options={[{ value: '', label: t('congresses.tree.noParent') }, ...(options.latest?.items ?? []).map((o) => ({ value: o.id, label: o.name }))]}
        error={form.error('parentId')}
      />
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
