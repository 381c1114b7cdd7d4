/**
 * Printable A4 sheets of cards (代表证, 表决卡, 测评码): a toolbar that does not print (back, title, how many cards on how
 * many sheets, the language, 打印), then the cards eight a sheet in a 2 × 4 grid with dashed cut lines (.sheet in
 * styles.css). The pages give the data and draw one card; the sheet is the same for all.
 */
import { A } from '@solidjs/router';
import { For, Show, type JSX, type Resource } from 'solid-js';
import { Async } from './Async.tsx';
import { Button } from './Button.tsx';
import { EmptyState } from './EmptyState.tsx';
import { fmt } from '../i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';

const PER_SHEET = 8; // 2 × 4 on A4
const chunk = <T,>(list: T[], n: number) => Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, i * n + n));

export function PrintSheets<D, T>(props: {
  data: Resource<D>;
  retry: () => void;
  /** The cards to print, from the data. */
  items: (d: D) => T[];
  card: (item: T, d: D) => JSX.Element;
  back: { href: string; label: string };
  title: string;
  /** What the cards are for (the congress, the vote, the round), before the count. */
  subject: (d: D) => string;
  /** "{n} cards on {pages} sheets", in the page's words. */
  count: (n: string, pages: string) => string;
  print: string;
  hint: string;
  loading: string;
  /** No card to print: what to do next, and where. */
  empty: { title: string; next: string; action: { href: string; label: string } };
}) {
  const n = () => (props.data.latest ? props.items(props.data.latest).length : 0);
  return (
    <div class="print-page">
      <header class="print-toolbar no-print">
        <div class="print-toolbar-inner">
          <A href={props.back.href} class="btn btn-ghost">
            ← {props.back.label}
          </A>
          <div class="print-title">
            <h1>{props.title}</h1>
            <Show when={props.data.latest}>
              {(d) => (
                <p class="muted">
                  {props.subject(d())} · {props.count(fmt.count(n()), fmt.count(Math.ceil(n() / PER_SHEET)))}
                </p>
              )}
            </Show>
          </div>
          <div class="print-tools">
            <LangSwitch />
            <Button variant="primary" onClick={() => window.print()} disabled={!n()}>
              {props.print}
            </Button>
          </div>
        </div>
        <p class="print-hint">{props.hint}</p>
      </header>
      <main id="main">
        <Async resource={props.data} retry={props.retry} loadingText={props.loading}>
          {(d) => (
            <Show
              when={props.items(d).length > 0}
              fallback={
                <div class="print-empty">
                  <EmptyState
                    title={props.empty.title}
                    action={
                      <A class="btn btn-primary" href={props.empty.action.href}>
                        {props.empty.action.label}
                      </A>
                    }
                  >
                    {props.empty.next}
                  </EmptyState>
                </div>
              }
            >
              <div class="sheets">
                <For each={chunk(props.items(d), PER_SHEET)}>
                  {(items) => (
                    <section class="sheet">
                      <For each={items}>{(item) => props.card(item, d)}</For>
                    </section>
                  )}
                </For>
              </div>
            </Show>
          )}
        </Async>
      </main>
    </div>
  );
}
