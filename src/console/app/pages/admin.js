import { html } from '../../vendor/htm-preact.js';
export const AdminPage = () => html`<p>admin</p>`;
