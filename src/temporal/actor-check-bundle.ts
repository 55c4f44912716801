// What the worker's workflow bundle needs for signed actors (issue 12, finding 1): the check
// module around every workflow (src/workflows/kernel/actor-check.ts) and the verification keys
// compiled in as a constant, since workflow code reads no environment. The keys live only in
// the worker's memory (the bundle is built at start, never written out).
import type { BundleOptions } from '@temporalio/worker';
import type { ActorKeys } from '../workflows/kernel/actor-assertion';

export const ACTOR_CHECK_MODULE = require.resolve('../workflows/kernel/actor-check');

// The bundler's own webpack (a dependency of @temporalio/worker), for its DefinePlugin.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpack = require(
  require.resolve('webpack', { paths: [require.resolve('@temporalio/worker')] }),
) as typeof import('webpack');

/** A webpack hook that defines __WEIBAO_ACTOR_KEYS__ in the workflow code. */
export function actorKeysHook(keys: ActorKeys): NonNullable<BundleOptions['webpackConfigHook']> {
  return (config) => ({
    ...config,
    plugins: [...(config.plugins ?? []), new webpack.DefinePlugin({ __WEIBAO_ACTOR_KEYS__: JSON.stringify(keys) })],
  });
}

/**
 * The assertion module (and through it its hashing library), evaluated once per reusable V8
 * context instead of once per workflow run: the SDK evaluates a workflow's imports anew for every
 * run, and @noble/hashes/sha2 builds its SHA-512 tables and an instance of every hasher at module
 * scope (in a worker profile of 130 fault intakes the largest module, about a fifth of all module
 * evaluation; issue 10's bench). Named by our module, not by @noble/hashes: that package declares
 * itself free of side effects, so webpack drops a bare require of it from the preload list.
 * Pure and stateless (plain functions, frozen constants; the hasher's one scratch buffer is used
 * within a synchronous call), so sharing it between workflows changes nothing they compute (SDK
 * 1.24 preloadModules; the SDK freezes what it preloads).
 */
export const PRELOADED_MODULES = [require.resolve('../workflows/kernel/actor-assertion')];

/** bundleWorkflowCode options for a bundle that checks actors (tests build one per file). */
export const actorCheckBundle = (
  keys: ActorKeys,
): Pick<BundleOptions, 'workflowInterceptorModules' | 'webpackConfigHook' | 'preloadModules'> => ({
  workflowInterceptorModules: [ACTOR_CHECK_MODULE],
  webpackConfigHook: actorKeysHook(keys),
  preloadModules: PRELOADED_MODULES,
});
