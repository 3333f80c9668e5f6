export const SEQ: number;
export const NEXT: number;
export const FAILED: number;
export const CHUNK: number;
export const ARGS: number;
export const ARG_COUNT: number;
export const DONE: number;
export const CONTROL_INTS: number;
export function drainChunks(ctrl: Int32Array, chunk: (...args: number[]) => void): void;
