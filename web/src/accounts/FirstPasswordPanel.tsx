import { createSignal, Show } from 'solid-js';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { t } from '../i18n.ts';

/**
 * A first password made by the server, shown this once to the staff member who created the account (or reset its
 * password): large, in a typewriter face with its groups, to read out or copy; then gone. The owner must change it at
 * first sign-in (the server refuses everything else until then).
 */
export function FirstPasswordPanel(props: { name: string; username: string; password: string; reset?: boolean; onDone: () => void }) {
  const [copied, setCopied] = createSignal(false);
  let code!: HTMLElement;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.password);
      setCopied(true);
    } catch {
      // No clipboard (a plain-http address): select it so that the browser offers to copy.
      const range = document.createRange();
      range.selectNodeContents(code);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    }
  };
  return (
    <div class="first-password" role="status">
      <Alert kind="success" title={t(props.reset ? 'firstPassword.resetTitle' : 'firstPassword.title')}>
        <p>{t('firstPassword.lead', { name: props.name, username: props.username })}</p>
      </Alert>
      <p class="first-password-label">{t('firstPassword.label')}</p>
      <p class="first-password-value">
        <code ref={code} class="mono" data-testid="first-password">
          {props.password}
        </code>
      </p>
      <ul class="bullets">
        <li>
          <strong>{t('firstPassword.once')}</strong>
        </li>
        <li>{t('firstPassword.forced')}</li>
      </ul>
      <div class="dialog-actions">
        <Button onClick={() => void copy()}>
          <Show when={copied()} fallback={t('firstPassword.copy')}>
            {t('firstPassword.copied')}
          </Show>
        </Button>
        <Button variant="primary" onClick={props.onDone}>
          {t('firstPassword.done')}
        </Button>
      </div>
    </div>
  );
}
