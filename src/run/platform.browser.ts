// Browsers and React Native: no body is a Node stream here (a fetch stream is released by its
// `cancel()`, in release-body.ts). See `platform.ts`, the Node file.

export function destroyNodeStream(body: unknown): boolean {
  void body;
  return false;
}
