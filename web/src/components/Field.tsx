import { createUniqueId, For, Show, splitProps, type JSX } from 'solid-js';

type FieldShellProps = {
  label: JSX.Element;
  hint?: JSX.Element;
  error?: string;
  required?: boolean;
  class?: string;
  children: (control: { id: string; describedBy: string | undefined; invalid: boolean }) => JSX.Element;
};

/** A label above its control, an optional hint, and the error right under it (linked for screen readers). */
export function Field(props: FieldShellProps) {
  const id = createUniqueId();
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const describedBy = () => [props.hint ? hintId : '', props.error ? errId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field ${props.class ?? ''}`} classList={{ 'has-error': !!props.error }}>
      <div class="label-row">
        <label for={id}>{props.label}</label>
        {/* The mark is for the eye; the control itself says required to assistive technology. */}
        <Show when={props.required}>
          <span class="req" aria-hidden="true">
            *
          </span>
        </Show>
      </div>
      {props.children({ id, describedBy: describedBy(), invalid: !!props.error })}
      <Show when={props.hint}>
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="field-error" id={errId}>
          {props.error}
        </p>
      </Show>
    </div>
  );
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'onInput' | 'value'> & {
  label: JSX.Element;
  hint?: JSX.Element;
  error?: string;
  value: string;
  onValue: (v: string) => void;
  fieldClass?: string;
};

export function TextField(props: InputProps) {
  const [own, rest] = splitProps(props, ['label', 'hint', 'error', 'value', 'onValue', 'fieldClass', 'required']);
  return (
    <Field label={own.label} hint={own.hint} error={own.error} required={own.required} class={own.fieldClass}>
      {(c) => (
        <input
          type="text"
          {...rest}
          id={c.id}
          aria-describedby={c.describedBy}
          aria-invalid={c.invalid || undefined}
          required={own.required}
          value={own.value}
          onInput={(e) => own.onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

type TextAreaProps = Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'onInput' | 'value'> & {
  label: JSX.Element;
  hint?: JSX.Element;
  error?: string;
  value: string;
  onValue: (v: string) => void;
};

export function TextAreaField(props: TextAreaProps) {
  const [own, rest] = splitProps(props, ['label', 'hint', 'error', 'value', 'onValue', 'required']);
  return (
    <Field label={own.label} hint={own.hint} error={own.error} required={own.required}>
      {(c) => (
        <textarea
          rows={3}
          {...rest}
          id={c.id}
          aria-describedby={c.describedBy}
          aria-invalid={c.invalid || undefined}
          required={own.required}
          value={own.value}
          onInput={(e) => own.onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

export type Option = { value: string; label: string };

type SelectProps = {
  label: JSX.Element;
  hint?: JSX.Element;
  error?: string;
  value: string;
  onValue: (v: string) => void;
  options: Option[];
  required?: boolean;
  disabled?: boolean;
  name?: string;
  placeholder?: string;
  fieldClass?: string;
};

export function SelectField(props: SelectProps) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error} required={props.required} class={props.fieldClass}>
      {(c) => (
        <select
          id={c.id}
          name={props.name}
          aria-describedby={c.describedBy}
          aria-invalid={c.invalid || undefined}
          disabled={props.disabled}
          required={props.required}
          onChange={(e) => props.onValue(e.currentTarget.value)}
        >
          <Show when={props.placeholder !== undefined}>
            <option value="" selected={props.value === ''} disabled>
              {props.placeholder}
            </option>
          </Show>
          <For each={props.options}>
            {(o) => (
              <option value={o.value} selected={o.value === props.value}>
                {o.label}
              </option>
            )}
          </For>
        </select>
      )}
    </Field>
  );
}

/** A checkbox with its label to the right, the whole row clickable (≥ 44 px). */
export function CheckField(props: { label: JSX.Element; hint?: JSX.Element; checked: boolean; onValue: (v: boolean) => void; disabled?: boolean; name?: string }) {
  const id = createUniqueId();
  return (
    <div class="check-field">
      <input
        type="checkbox"
        id={id}
        name={props.name}
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onValue(e.currentTarget.checked)}
      />
      <div>
        <label for={id}>{props.label}</label>
        <Show when={props.hint}>
          <p class="hint" id={`${id}-hint`}>
            {props.hint}
          </p>
        </Show>
      </div>
    </div>
  );
}
