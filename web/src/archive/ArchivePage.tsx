import { A, useParams, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction, Dialog } from '../components/Dialog.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { t } from '../i18n.ts';
import { deleteEntry, fetchArchive, paths, type Entry } from './archive.data.ts';
import { EntryForm } from './EntryForm.tsx';
import { Figures, Records, YearPicker, yearOf } from './parts.tsx';
import './archive.css';

/** 代表履职档案 of one representative for a year, as the office reads it: the figures, the points, the records; trainings and 述职 entered, corrected or removed here. */
export default function ArchivePage() {
  const params = useParams<{ congressId: string; representativeId: string }>();
  const [search, setSearch] = useSearchParams<{ year?: string }>();
  const year = () => yearOf(search.year);
  const [data, { refetch }] = createResource(() => ({ c: params.congressId, r: params.representativeId, y: year() }), (k) => fetchArchive(k.c, k.r, k.y));
  const [adding, setAdding] = createSignal(false);
  const [editing, setEditing] = createSignal<Entry | null>(null);
  const name = () => latest(data)?.representative.name ?? '';
  const remove = async (e: Entry) => {
    const ok = await confirmAction({ title: t('archive.entries.delete'), message: t('archive.entries.deleteConfirm'), confirmLabel: t('archive.entries.delete'), danger: true, action: () => deleteEntry(params.congressId, e.id) });
    if (ok) {
      toast(t('archive.entries.deleted'));
      void refetch();
    }
  };
  return (
    <div class="ar-page">
      <PageHeader
        kicker={
          <A href={paths.table(params.congressId, year())} class="ar-back">
            ← {t('archive.one.back')}
          </A>
        }
        title={name() ? t('archive.one.title', { name: name(), year: year() }) : t('archive.title')}
        lead={latest(data) ? [latest(data)!.representative.delegation, latest(data)!.representative.constituency].filter(Boolean).join(' · ') : undefined}
        actions={
          <>
            <A class="btn btn-secondary" href={paths.print(params.congressId, params.representativeId, year())}>
              {t('archive.print')}
            </A>
            <Button variant="primary" onClick={() => setAdding(true)}>
              {t('archive.entries.add')}
            </Button>
          </>
        }
      />
      <div class="ar-toolbar">
        <YearPicker year={year()} onYear={(y) => setSearch({ year: String(y) })} />
      </div>
      <Async resource={data} retry={refetch}>
        {(a) => (
          <>
            <Figures a={a} />
            <Records
              a={a}
              congressId={params.congressId}
              linkItems
              entryActions={(e) => (
                <span class="ar-entry-actions">
                  <Button small onClick={() => setEditing(e)}>
                    {t('archive.entries.edit')}
                  </Button>
                  <Button small variant="danger" onClick={() => void remove(e)}>
                    {t('archive.entries.delete')}
                  </Button>
                </span>
              )}
            />
          </>
        )}
      </Async>
      <Dialog open={adding()} onClose={() => setAdding(false)} title={`${t('archive.entries.add')}${name() ? ` · ${name()}` : ''}`}>
        <EntryForm
          congressId={params.congressId}
          fixed={params.representativeId}
          onCancel={() => setAdding(false)}
          onDone={(n) => {
            setAdding(false);
            toast(t('archive.entries.saved', { n }));
            void refetch();
          }}
        />
      </Dialog>
      <Dialog open={!!editing()} onClose={() => setEditing(null)} title={t('archive.entries.edit')}>
        <Show when={editing()}>
          {(e) => (
            <EntryForm
              congressId={params.congressId}
              entry={e()}
              onCancel={() => setEditing(null)}
              onDone={() => {
                setEditing(null);
                void refetch();
              }}
            />
          )}
        </Show>
      </Dialog>
    </div>
  );
}
