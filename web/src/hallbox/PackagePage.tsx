import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { groupedFingerprint } from '../../../shared/hallbox/format.ts';
import { Async } from '../components/Async.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { fetchPackage, packageFileUrl, paths } from './hallbox.data.ts';
import './hallbox.css';

/** One filed package: its votes with their published figures and who signed the tally, the key and the audit head. */
export default function PackagePage() {
  const { id } = useCongress();
  const params = useParams<{ packageId: string }>();
  const [pkg, { refetch }] = createResource(() => (can(id(), 'hallbox.read') ? { c: id(), p: params.packageId } : false), (s) => fetchPackage(s.c, s.p));
  return (
    <Show when={can(id(), 'hallbox.read')} fallback={<NoAccess />}>
      <Async resource={pkg} retry={refetch} loadingText={t('hallbox.loading')}>
        {(p) => (
          <>
            <PageHeader
              kicker={
                <A href={paths.list(id())} class="hb-back">
                  ← {t('hallbox.detail.back')}
                </A>
              }
              title={t('hallbox.detail.title', { township: p.congressName, session: p.sessionTitle })}
              lead={t('hallbox.detail.lead', { date: p.heldOn ? fmt.date(p.heldOn) : '—', when: fmt.dateTime(p.importedAt), by: p.importedBy ?? '—' })}
              actions={
                <a class="btn btn-secondary" href={packageFileUrl(id(), p.id)} download="">
                  {t('hallbox.detail.download')}
                </a>
              }
            />
            <section class="card hb-facts">
              <dl>
                <dt>{t('hallbox.detail.fingerprint')}</dt>
                <dd>
                  <code class="hb-fp">{groupedFingerprint(p.keyFingerprint)}</code>
                </dd>
                <dt>{t('hallbox.detail.head')}</dt>
                <dd>
                  <code class="hb-fp">
                    {p.auditHeadSeq}:{p.auditHeadHash}
                  </code>
                </dd>
                <dt>{t('hallbox.detail.entries')}</dt>
                <dd class="num">{fmt.count(p.auditEntries)}</dd>
                <dt>{t('hallbox.detail.exportedAt')}</dt>
                <dd>{fmt.dateTime(p.exportedAt)}</dd>
              </dl>
              <p class="hint">{t('hallbox.detail.verify')}</p>
            </section>
            <For each={p.votes}>
              {(v) => (
                <section class="card hb-vote" aria-labelledby={`hb-v-${v.id}`}>
                  <h2 id={`hb-v-${v.id}`}>{v.title}</h2>
                  <p>
                    {v.cast === null ? '' : `${t('hallbox.detail.cast', { n: fmt.count(v.cast) })} · `}
                    {v.elected.length ? t('hallbox.detail.elected', { list: v.elected.join('、') }) : t('hallbox.detail.noneElected')}
                  </p>
                  <Show when={v.candidates.length}>
                    <div class="hb-scroll">
                      <table class="hb-table">
                        <thead>
                          <tr>
                            <th scope="col">{t('hallbox.detail.candidate')}</th>
                            <th scope="col" class="num">{t('hallbox.detail.for')}</th>
                            <th scope="col" class="num">{t('hallbox.detail.against')}</th>
                            <th scope="col" class="num">{t('hallbox.detail.abstain')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          <For each={v.candidates}>
                            {(c) => (
                              <tr classList={{ 'hb-elected': v.elected.includes(c.title) }}>
                                <th scope="row">{c.title}</th>
                                <td class="num">{fmt.count(c.for)}</td>
                                <td class="num">{fmt.count(c.against)}</td>
                                <td class="num">{fmt.count(c.abstain)}</td>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      </table>
                    </div>
                  </Show>
                  <h3>{t('hallbox.detail.signoffs')}</h3>
                  <ul class="hb-signoffs">
                    <For each={v.signoffs}>
                      {(s) => (
                        <li>
                          {s.name}
                          {s.chief ? t('hallbox.detail.chief') : ''} · {fmt.dateTime(s.at)}
                        </li>
                      )}
                    </For>
                  </ul>
                </section>
              )}
            </For>
          </>
        )}
      </Async>
    </Show>
  );
}
