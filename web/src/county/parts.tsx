/** Pieces the county's pages share: state words with a colour beside them, and the figures' short lines. */
import type { JSX } from 'solid-js';
import type { YearFigures } from '../../../shared/county/schema.ts';
import { fmt, t, type MessageKey } from '../i18n.ts';
import { pct } from './county.data.ts';

/** A state as a word with a dot of colour (never the colour alone). */
export function StateTag(props: { kind: 'window' | 'list' | 'vote' | 'timing'; state: string; tone?: 'ok' | 'warn' | 'bad' | 'muted' }): JSX.Element {
  const tone = () =>
    props.tone ??
    ({ published: 'ok', frozen: 'ok', on_time: 'ok', closed: 'muted', open: 'warn', late: 'bad', none: 'muted', draft: 'warn', prepared: 'warn', scheduled: 'muted', in_progress: 'warn', stopped: 'muted' } as Record<string, 'ok' | 'warn' | 'bad' | 'muted'>)[props.state] ??
    'muted';
  return <span class={`ct-tag ct-${tone()}`}>{t(`county.${props.kind}.${props.state}` as MessageKey)}</span>;
}

export const projectsLine = (f: YearFigures['projects']) => t('county.projects.summary', { total: fmt.count(f.total), completed: fmt.count(f.completed), onTime: fmt.count(f.onTime), late: fmt.count(f.late) });
export const evaluationLine = (f: YearFigures['evaluation']) => t('county.evaluation.summary', { rounds: fmt.count(f.rounds), satisfied: fmt.count(f.satisfied), basic: fmt.count(f.basic), dissatisfied: fmt.count(f.dissatisfied) });
export const loopLine = (f: YearFigures['loop']) => t('county.loop.summary', { received: fmt.count(f.received), onTimeRate: pct(f.onTimeRate), satisfactionRate: pct(f.satisfactionRate) });
