/** The request domain in one import: the model, its lifecycle and its routing between units. */
export * from './model';
export * from './lifecycle';
export * from './routing';
