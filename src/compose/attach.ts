// `axios-status-policy/compose/attach`: `attachPolicies` alone. React Native's bundler (Metro) does
// not tree-shake, so each factory has an entry of its own that reaches only its own files.
export { attachPolicies } from '../attach-policies';
export type { SharedPolicyOptions } from '../attach-policies';
export type { Policy } from '../rules/policy';
