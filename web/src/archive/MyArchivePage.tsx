import { A, useParams, useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import { Async } from '../components/Async.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { t } from '../i18n.ts';
import { fetchMyArchive, paths } from './archive.data.ts';
import { Figures, Records, YearPicker, yearOf } from './parts.tsx';
import './archive.css';

/** 我的履职档案: a representative, signed in with the delegate card (usually on a phone), reads their own year. */
export default function MyArchivePage() {
  const params = useParams<{ congressId: string }>();
  const [search, setSearch] = useSearchParams<{ year?: string }>();
  const year = () => yearOf(search.year);
  const [data, { refetch }] = createResource(() => ({ c: params.congressId, y: year() }), (k) => fetchMyArchive(k.c, k.y));
  return (
    <div class="ar-page ar-me">
      <PageHeader
        kicker={
          <A href="/" class="ar-back">
            ← {t('archive.me.back')}
          </A>
        }
        title={t('archive.me.title')}
        lead={t('archive.me.lead')}
        actions={
          <A class="btn btn-secondary" href={paths.print(params.congressId, 'me', year())}>
            {t('archive.print')}
          </A>
        }
      />
      <div class="ar-toolbar">
        <YearPicker year={year()} onYear={(y) => setSearch({ year: String(y) })} />
      </div>
      <Async resource={data} retry={refetch}>
        {(a) => (
          <>
            <Figures a={a} />
            <Records a={a} congressId={params.congressId} linkItems />
          </>
        )}
      </Async>
    </div>
  );
}
