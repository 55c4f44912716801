// Sign-in (POST /session): login and password; a refusal (wrong, locked) shows the API's words.
import { html, useState } from '../../vendor/htm-preact.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { Refusal } from '../ui.js';

export function SignIn({ onSignedIn, onLang }) {
  const [error, setError] = useState();
  const submit = async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    try {
      const s = await api('POST', '/session', { login: f.get('login'), password: f.get('password') });
      const me = await api('GET', '/me');
      onSignedIn({ ...me, csrfToken: s.csrfToken, idleMinutes: s.idleMinutes });
    } catch (err) {
      setError(err);
    }
  };
  return html`<main id="main" tabindex="-1" class="signin">
    <h1>${t('appName')}</h1>
    <form onSubmit=${submit} aria-label=${t('signIn')}>
      <label>${t('login')} <input name="login" autocomplete="username" required autofocus /></label>
      <label>${t('password')} <input name="password" type="password" autocomplete="current-password" required /></label>
      <button type="submit">${t('signIn')}</button>
      <${Refusal} error=${error} />
    </form>
    <button type="button" class="link" onClick=${onLang}>${t('language')}</button>
  </main>`;
}
