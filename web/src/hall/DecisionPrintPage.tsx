import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import * as B from '../../../shared/ballot/decision-contract.ts';
import { call } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { t } from '../i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { RequireSession } from '../layout/RequireSession.tsx';
import './decision.css';

/** A numbered item of the decision (一、…) — a paragraph like the others, marked for the eye. */
const ITEM = /^[一二三四五六七八九十百]+、/;

/**
 * The decision as the office issues it: its title, the line saying when and by which session it was adopted (for a
 * draft: 草案), and its text one paragraph a line. Chinese: the document is filed as written; the page around it
 * carries the labels in the reader's language.
 */
export function DecisionDocument(props: { title: string; body: string; adoptionLine: string | null }) {
  const paragraphs = () => props.body.split('\n').map((p) => p.trim()).filter(Boolean);
  return (
    <article class="decision-doc" lang="zh-CN" aria-label={props.title}>
      <h1 class="decision-doc-title">{props.title}</h1>
      <p class="decision-doc-adopted" classList={{ draft: !props.adoptionLine }}>
        {props.adoptionLine ?? '（草案）'}
      </p>
      <For each={paragraphs()}>{(p) => <p class="decision-doc-p" classList={{ item: ITEM.test(p) }}>{p}</p>}</For>
    </article>
  );
}

/** /c/:congressId/decisions/:motionId/print — the decision on A4 for the staff: a draft (marked 草案) or as adopted. */
export default function DecisionPrintPage() {
  return (
    <RequireSession>
      <PrintView />
    </RequireSession>
  );
}

function PrintView() {
  const params = useParams<{ congressId: string; motionId: string }>();
  const [data, { refetch }] = createResource(() => ({ ...params }), (p) => call(B.getDecision, { params: { congressId: p.congressId, motionId: p.motionId } }));
  usePageTitle(() => (data.latest ? `${data.latest.title} · ${t('decision.printView')}` : t('decision.printView')));
  return (
    <div class="print-page decision-print-page">
      <header class="print-toolbar no-print">
        <div class="print-toolbar-inner">
          <A href={`/c/${params.congressId}/decisions/${params.motionId}`} class="btn btn-ghost">
            ← {t('decision.back')}
          </A>
          <div class="print-title">
            <h1>{t('decision.title')}</h1>
            <Show when={data.latest}>{(d) => <p class="muted">{t(`decision.state.${d().state}`)}</p>}</Show>
          </div>
          <div class="print-tools">
            <LangSwitch />
            <Button variant="primary" onClick={() => window.print()} disabled={!data.latest}>
              {t('decision.print')}
            </Button>
          </div>
        </div>
        <p class="print-hint">{t('decision.printHint')}</p>
      </header>
      <main id="main">
        <Async resource={data} retry={refetch}>
          {(d) => (
            <div class="decision-sheet" classList={{ draft: d.state !== 'adopted' }}>
              <DecisionDocument title={d.title} body={d.body} adoptionLine={d.adoptionLine} />
            </div>
          )}
        </Async>
      </main>
    </div>
  );
}
