// `axios-status-policy/compose/redirects`: that factory alone, for bundlers that do not tree-shake (Metro).
export { redirects } from '../rules/redirects/policy';
