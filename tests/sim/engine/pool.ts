/** The simulation's worker pool is the product's (functions/src/platform/domain/pool.ts). */
export { inPool } from '../../../functions/src/platform/domain/pool';
