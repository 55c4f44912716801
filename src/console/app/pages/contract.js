import { html } from '../../vendor/htm-preact.js';
export const ContractPage = ({ contractId }) => html`<p>${contractId}</p>`;
