/**
 * `@linli/shared/plain`: the zod-free part of the shared code — constants, labels and the few pure
 * checks forms on the mini-program's tab pages need. It never imports zod (nor the locale), so the
 * weapp main package and the H5 app shell stay free of it (issue 13). The schemas import these values
 * from here and the `@linli/shared` barrel re-exports them through the schemas: one copy, two entries.
 */
export * from './check';
export * from './identity';
export * from './invitations';
export * from './points';
export * from './request';
export * from './station';
export * from './upload';
