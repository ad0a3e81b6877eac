// The only host globals src/ relies on: present in browsers, Node, React Native and Hermes alike.
// tsconfig.build.json type-checks src/ with no DOM or Node typings, so anything else fails to compile.
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
