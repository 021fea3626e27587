import type { BuildOptions } from 'esbuild';

export declare const ROOT: string;
export declare const SERVER_BUILD_OPTIONS: BuildOptions;
