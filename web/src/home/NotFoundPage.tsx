import { A } from '@solidjs/router';
import { EmptyState } from '../components/EmptyState.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { t } from '../i18n.ts';

export default function NotFoundPage() {
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <EmptyState title={t('notFound.body')} action={<A class="btn btn-primary" href="/">{t('notFound.home')}</A>} />
    </>
  );
}
