/** Pieces the templates pages share: a part's words, a value shown plainly, the comparison table. */
import { For, Show } from 'solid-js';
import type { Difference, TemplatePart } from '../../../shared/templates/schema.ts';
import { t } from '../i18n.ts';

export const partLabel = (p: TemplatePart) => t(`templates.part.${p}`);

const SECTIONS = ['quorum', 'vote', 'candidates', 'tally', 'evaluation', 'loop', 'project', 'department', 'official', 'suggestion_handling', 'inquiry', 'representative'] as const;
/** A field's section in words (法定人数, 计票, 部门…) when its path starts with one, else nothing: the path itself follows. */
const sectionOf = (path: string) => {
  const head = path.split('.')[0] as (typeof SECTIONS)[number];
  return SECTIONS.includes(head) ? t(`templates.field.${head}`) : '';
};

/** A value as a person reads it: a list joined, an item of a questionnaire by its label, an object as its fields. */
export function show(v: unknown): string {
  if (v === null || v === undefined) return t('templates.compare.absent');
  if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' && 'label' in x ? String((x as { label: string }).label) : show(x))).join('、');
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${show(x)}`)
      .join('；');
  return String(v);
}

export function DiffTable(props: { caption: string; rows: Difference[] }) {
  return (
    <Show when={props.rows.length} fallback={<p class="muted">{props.caption}：{t('templates.compare.same')}</p>}>
      <div class="tp-scroll">
        <table class="table tp-table">
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('templates.compare.part')}</th>
              <th scope="col">{t('templates.compare.field')}</th>
              <th scope="col">{t('templates.compare.before')}</th>
              <th scope="col">{t('templates.compare.after')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(d) => (
                <tr>
                  <td>{partLabel(d.part)}</td>
                  <td>
                    <Show when={sectionOf(d.path)}>{(s) => <span>{s()} </span>}</Show>
                    <code>{d.path || t('templates.compare.whole')}</code>
                  </td>
                  <td class="tp-before">{show(d.before)}</td>
                  <td class="tp-after">{show(d.after)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
