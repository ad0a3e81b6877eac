// Module augmentation: `statusPolicy` on request configs, and what the policy did on responses and
// errors, typed for users with no casts. Type parameters are left out on purpose: axios changed
// their number between 1.7 and 1.21, and an augmentation without them merges with either.
import type { StatusPolicyErrorInfo, StatusPolicyInfo, StatusPolicyRequestOptions } from './types';

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Per request: `false` turns the status policy off, a block overrides that block. */
    statusPolicy?: StatusPolicyRequestOptions | false;
  }
  interface AxiosResponse {
    /** What the status policy did for this request. */
    statusPolicy?: StatusPolicyInfo;
  }
  interface AxiosError {
    /** What the status policy did and knows about this failure. */
    statusPolicy?: StatusPolicyErrorInfo;
  }
}

export {};
