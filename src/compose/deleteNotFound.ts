// `axios-status-policy/compose/deleteNotFound`: that factory alone, for bundlers that do not tree-shake (Metro).
export { deleteNotFound } from '../rules/delete-not-found/policy';
