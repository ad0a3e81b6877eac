// `axios-status-policy/compose/auth`: that factory alone, for bundlers that do not tree-shake (Metro).
export { auth } from '../rules/auth/policy';
