import { html } from '../../vendor/htm-preact.js';
export const CasePage = ({ caseId }) => html`<p>${caseId}</p>`;
