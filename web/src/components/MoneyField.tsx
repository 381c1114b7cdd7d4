import type { JSX } from 'solid-js';
import { t } from '../i18n.ts';
import { Field } from './Field.tsx';

/** An amount in 万元 (ten thousand yuan), typed as text so that "120.5" stays exactly what was typed. */
export function MoneyField(props: {
  label: JSX.Element;
  hint?: JSX.Element;
  error?: string;
  value: string;
  onValue: (v: string) => void;
  required?: boolean;
  disabled?: boolean;
  name?: string;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error} required={props.required}>
      {(c) => (
        <div class="with-suffix">
          <input
            type="text"
            inputmode="decimal"
            autocomplete="off"
            class="num-input money-input"
            id={c.id}
            name={props.name}
            aria-describedby={c.describedBy}
            aria-invalid={c.invalid || undefined}
            required={props.required}
            disabled={props.disabled}
            value={props.value}
            // People type full-width digits and separators on Chinese keyboards: keep digits and one point.
            onInput={(e) => props.onValue(e.currentTarget.value.replace(/[０-９．]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, ''))}
          />
          <span class="suffix">{t('unit.wan')}</span>
        </div>
      )}
    </Field>
  );
}
