import { html } from '../../vendor/htm-preact.js';
export const ReportsPage = () => html`<p>reports</p>`;
