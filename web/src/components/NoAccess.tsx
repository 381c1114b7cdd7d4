import { EmptyState } from './EmptyState.tsx';
import { PageHeader } from './PageHeader.tsx';
import { t } from '../i18n.ts';

/** A page this account's roles do not cover: say so plainly and who can help. */
export function NoAccess() {
  return (
    <>
      <PageHeader title={t('noAccess.title')} />
      <EmptyState title={t('noAccess.body')}>{t('noAccess.next')}</EmptyState>
    </>
  );
}
