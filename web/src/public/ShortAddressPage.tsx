import { useNavigate, useParams } from '@solidjs/router';
import { createResource, Match, Switch } from 'solid-js';
import { findShortAddress } from '../../../shared/gathering/contract.ts';
import { ApiError, call } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Loading } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { t } from '../i18n.ts';
import { PublicLayout } from '../layout/PublicLayout.tsx';

/**
 * A short address typed from a poster or a slip — /p/K7Q3M (propose) or /e/K7Q3M (evaluate by serial): the server
 * says which congress the code names, and the page opens the long address in its place (history replaced, so Back
 * leaves the site as the person expects). A code nobody holds says so, and how a code looks.
 */
export function shortAddressPage(kind: 'propose' | 'evaluate') {
  return function ShortAddressPage() {
    const params = useParams<{ code: string }>();
    const navigate = useNavigate();
    usePageTitle(() => t('shortAddress.opening'));
    const [found, { refetch }] = createResource(
      () => params.code,
      async (code) => {
        const a = await call(findShortAddress, { params: { code } });
        const search = location.search; // ?lang=… goes along
        const sep = search ? '&' : '?';
        navigate(kind === 'propose' ? `/p/${a.congressId}${search}` : `/e?c=${a.congressId}${search ? `${sep}${search.slice(1)}` : ''}`, { replace: true });
        return a;
      },
    );
    const error = () => (found.error instanceof ApiError ? found.error.message : found.error ? t('error.unexpected') : '');
    return (
      <PublicLayout class="resident">
        <Switch fallback={<Loading text={t('shortAddress.opening')} />}>
          <Match when={found.error}>
            <h1>{t('shortAddress.notFound')}</h1>
            <Alert kind="error" title={error()}>
              <p>{t('shortAddress.check')}</p>
            </Alert>
            <Button onClick={() => void refetch()}>{t('shortAddress.retry')}</Button>
          </Match>
        </Switch>
      </PublicLayout>
    );
  };
}
