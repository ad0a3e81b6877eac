// Which statuses may be redirects, for the hop loop (Node) and the policy (browsers). The rules
// themselves (DESIGN.md §2) are applied in follow.ts.

/** A 3xx that may turn out to be a hop once the `Location` is read: 300 and 304 are answers. */
export const mayHop = (status: number): boolean => status > 300 && status < 400 && status !== 304;
