import type { BlockSpecFor } from '../../options/spec';
import type { RedirectOptions } from './types';

export type ResolvedRedirectOptions = Required<RedirectOptions>;

export const redirectOptions: BlockSpecFor<'redirects', RedirectOptions, ResolvedRedirectOptions> = {
  name: 'redirects',
  schema: { maxRedirects: 'count', onRedirect: 'fn', stripHeaders: 'strings', allowCrossOriginBody: 'bool' },
  defaults: { maxRedirects: 10, onRedirect: () => undefined, stripHeaders: [], allowCrossOriginBody: false },
  finish: (block) => block,
};
