// `axios-status-policy/compose/errorDetails`: that factory alone, for bundlers that do not tree-shake (Metro).
export { errorDetails } from '../error-details-policy';
