/** What the items pages share: the codes in words, the state and deadline tags (a word beside every colour). */
import { For, Show } from 'solid-js';
import { ANSWER_CLASSES, FEEDBACK_GRADES, ITEM_CATEGORIES, ITEM_SOURCES, URGENCIES } from '../../../shared/items/enums.ts';
import type { AnswerClass, FeedbackGrade, HandlingDimension, ItemCategory, ItemSource, ItemStatus, Urgency } from '../../../shared/items/enums.ts';
import type { ItemAction } from '../../../shared/items/transitions.ts';
import { t, type MessageKey } from '../i18n.ts';

const word = (key: string) => t(key as MessageKey);
export const itemStatusLabel = (s: ItemStatus) => word(`item.status.${s}`);
export const itemSourceLabel = (s: ItemSource) => word(`item.source.${s}`);
export const itemCategoryLabel = (c: ItemCategory) => word(`item.category.${c}`);
export const urgencyLabel = (u: Urgency) => word(`item.urgency.${u}`);
export const answerClassLabel = (c: AnswerClass) => word(`item.answerClass.${c}`);
export const gradeLabel = (g: FeedbackGrade) => word(`item.grade.${g}`);
export const dimensionLabel = (d: HandlingDimension) => word(`item.dimension.${d}`);
export const actionLabel = (a: ItemAction) => word(`item.action.${a}`);
/** A history step's word: a move, or one of the other steps (received, key on/off, supervision, feedback). */
export const eventLabel = (kind: string) =>
  word(kind in ACTION_KINDS ? `item.action.${kind}` : kind in PAGE_EVENTS ? `items.event.${kind}` : `item.event.${kind}`);
/** Steps only the history shows (another item merged into this one; a 12345 re-import's update): their words are the pages'. */
const PAGE_EVENTS = { merged_from: 1, hotline: 1 };
const ACTION_KINDS = { answer_on_spot: 1, assign: 1, refer: 1, merge: 1, to_proposal: 1, reassign: 1, answer: 1, accept: 1, return: 1, reopen: 1 };

export const sourceOptions = (list: readonly ItemSource[] = ITEM_SOURCES) => list.map((s) => ({ value: s, label: itemSourceLabel(s) }));
/** The categories to choose from: a form offers only those the congress uses (settings `loop.categories`), a filter all six. */
export const categoryOptions = (used: readonly ItemCategory[] = ITEM_CATEGORIES) => ITEM_CATEGORIES.filter((c) => used.includes(c)).map((c) => ({ value: c, label: itemCategoryLabel(c) }));
export const urgencyOptions = () => URGENCIES.map((u) => ({ value: u, label: urgencyLabel(u) }));
export { ANSWER_CLASSES, FEEDBACK_GRADES };

/** Waiting (amber), with a department (neutral accent), answered (amber), done (green), closed elsewhere (grey). */
export const statusClass = (s: ItemStatus) =>
  ({ received: 'tag-warn', assigned: 'tag-accent', answered: 'tag-warn', done: 'tag-ok', referred: 'tag-muted', merged: 'tag-muted', to_proposal: 'tag-muted' })[s];

export function StatusTag(props: { status: ItemStatus; round?: number }) {
  return (
    <span class="item-tags">
      <span class={`tag ${statusClass(props.status)}`}>{itemStatusLabel(props.status)}</span>
      <Show when={(props.round ?? 1) > 1}>
        <span class="tag tag-bad">{t('items.round2')}</span>
      </Show>
    </span>
  );
}

/** 即将到期 / 已超期 beside the deadline (nothing for an item on time). */
export function DueTag(props: { state: 'overdue' | 'due_soon' | 'on_time' | null }) {
  return (
    <Show when={props.state === 'overdue' || props.state === 'due_soon'}>
      <span class={`tag ${props.state === 'overdue' ? 'tag-bad' : 'tag-warn'}`} data-due={props.state}>
        {word(`item.due.${props.state}`)}
      </span>
    </Show>
  );
}

export function KeyTag(props: { on: boolean; leader?: string }) {
  return (
    <Show when={props.on}>
      <span class="tag tag-key">{props.leader ? t('items.keyLed', { leader: props.leader }) : t('items.key')}</span>
    </Show>
  );
}

/**
 * Three big choices (满意 / 基本满意 / 不满意) as a radio group: finger-sized on a phone, the word on each, the choice
 * marked by more than colour.
 */
export function GradeChoice(props: { name: string; label: string; value: FeedbackGrade | null; onValue: (g: FeedbackGrade) => void; disabled?: boolean; legendHidden?: boolean }) {
  return (
    <fieldset class="grade-choice">
      <legend classList={{ 'sr-only': !!props.legendHidden }}>{props.label}</legend>
      <div class="grade-options">
        <For each={FEEDBACK_GRADES}>
          {(g) => (
            <label class={`grade-opt grade-${g}`} classList={{ on: props.value === g }}>
              <input type="radio" name={props.name} value={g} checked={props.value === g} disabled={props.disabled} onChange={() => props.onValue(g)} />
              <span class="grade-mark" aria-hidden="true" />
              <span>{gradeLabel(g)}</span>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}
