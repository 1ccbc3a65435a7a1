import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
// The copy @tarojs/webpack5-runner uses (one in node_modules): its hooks are per module instance.
import HtmlWebpackPlugin from 'html-webpack-plugin';

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
      // Content hashes in every script and style name: the CDN and the local server cache them for a
      // year (immutable) and revalidate only index.html (infra/h5-site.js, infra/local/static-server.ts).
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'chunk/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      // Pages are async chunks in H5: share zod, the shared schemas and Taro components between them
      // instead of repeating them in every page. Only the packages the app needs at start go into
      // `vendors` (loaded before any page); the rest load with the pages that use them (first visit:
      // 853 KB of scripts before the first page → 502 KB).
      webpackChain(chain) {
        chain.optimization.splitChunks({
          chunks: 'all',
          cacheGroups: {
            vendors: { test: /[\\/]node_modules[\\/]/, name: 'vendors', chunks: 'initial', priority: -10, reuseExistingChunk: true },
            common: { minChunks: 2, priority: -20, reuseExistingChunk: true },
          },
        });
        // The page the app opens on loads only after vendors and app have run, one more round trip
        // on a slow phone: index.html preloads its scripts and styles, so they download meanwhile.
        const firstPage = /['"]([^'"]+)['"]/.exec(/pages:\s*\[([^\]]*)\]/.exec(readFileSync(path.resolve(__dirname, '../src/app.config.ts'), 'utf8'))?.[1] ?? '')?.[1];
        chain.plugin('linli-preload-first-page').use(
          class {
            apply(compiler: any) {
              compiler.hooks.compilation.tap('linli-preload-first-page', (compilation: any) => {
                HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('linli-preload-first-page', (data: any) => {
                  const group = firstPage && [...compilation.chunkGroups].find((g: any) => g.origins.some((o: any) => String(o.request ?? '').endsWith(firstPage)));
                  if (!group) throw new Error(`H5 build: no chunk for the first page (${firstPage})`);
                  const files: string[] = group.chunks.flatMap((c: any) => [...c.files]).filter((f: string) => /\.(js|css)$/.test(f));
                  const publicPath = String(compilation.outputOptions.publicPath ?? '/');
                  const links = files.map((f) => HtmlWebpackPlugin.createHtmlTagObject('link', { rel: 'preload', href: publicPath + f, as: f.endsWith('.css') ? 'style' : 'script' }));
                  data.headTags.push(...links); // after the app's own scripts: they are needed first
                  return data;
                });
              });
            }
          },
        );
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  return config;
});
