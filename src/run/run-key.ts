/**
 * The config key a run travels under. A string, not a symbol or a WeakMap entry: axios rebuilds
 * the config on every send (mergeConfig) and a request interceptor may return a copy; both keep
 * own string keys, and a class instance is passed by reference, so every attempt finds its run.
 * This file is the only place that reads or writes it.
 */
const RUN_KEY = 'axiosStatusPolicyRun';

/** What `config` carries under the key: a run, or anything a caller put there. */
export const carried = (config: object): unknown => (RUN_KEY in config ? config[RUN_KEY] : undefined);

export function carry(config: object, run: object): void {
  Object.assign(config, { [RUN_KEY]: run });
}
