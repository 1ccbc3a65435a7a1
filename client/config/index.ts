import { readdirSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

const shared = path.resolve(__dirname, '../../shared/src');

/** Demo logins are offered only when the client talks to a local API (the local WeChat stand-in). */
const apiBase = process.env.TARO_APP_API_BASE ?? '';
const talksToLocalApi = apiBase === '' || /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(apiBase);

/**
 * The app's and every page's config file: Taro reads them outside webpack's dependency graph, so the
 * persistent build cache must be told that a change to one (a title, pull-down refresh) rebuilds.
 */
function pageConfigFiles(dir = path.resolve(__dirname, '../src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pageConfigFiles(path.join(dir, e.name)) : e.name.endsWith('.config.ts') ? [path.join(dir, e.name)] : [],
  );
}

export default defineConfig<'webpack5'>(() => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'linli',
    date: '2026-11-24',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // LINLI_CLIENT_OUT: build elsewhere (e.g. two builds side by side; the browser tests read LINLI_H5_DIR).
    outputRoot: process.env.LINLI_CLIENT_OUT ?? `dist/${process.env.TARO_ENV}`,
    plugins: [],
    // Build-time settings (see README): API base URL and whether to offer the demo logins.
    defineConstants: {
      LINLI_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
      LINLI_DEMO_LOGIN: JSON.stringify(process.env.TARO_APP_DEMO_LOGIN ?? String(talksToLocalApi)),
    },
    alias: { '@linli/shared': shared },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: !process.env.LINLI_CLIENT_OUT, buildDependencies: { pages: pageConfigFiles() } },
    mini: {
      compile: { include: [shared] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      optimizeMainPackage: { enable: true },
      // WeChat's code-quality items (tests/integration/weapp-quality.test.ts): the templates come out
      // minified like the JS (terser) and the styles (cssnano) of a production build.
      minifyXML: { collapseWhitespace: true },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [shared] },
      devServer: { host: '127.0.0.1', port: 10086 },
      // Pages are async chunks in H5: share zod, the shared schemas and Taro components between them
      // instead of repeating them in every page.
      webpackChain(chain) {
        chain.optimization.splitChunks({
          chunks: 'all',
          cacheGroups: {
            vendors: { test: /[\\/]node_modules[\\/]/, name: 'vendors', priority: -10, reuseExistingChunk: true },
            common: { minChunks: 2, priority: -20, reuseExistingChunk: true },
          },
        });
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  return config;
});
